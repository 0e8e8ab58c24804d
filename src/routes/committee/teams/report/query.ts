/** The report's ?year= and ?month= as given; an empty field (the GET form's blank month) is absent. */
export function hoursQuery(url: URL): { year?: string; month?: string } {
	const year = url.searchParams.get('year') || undefined;
	const month = url.searchParams.get('month') || undefined;
	return { year, month };
}

/** Rules grouped by category, categories in the order their first rule appears. */
export function groupByCategory<R extends { category: string }>(
	rules: readonly R[]
): { category: string; rules: R[] }[] {
	const groups = new Map<string, R[]>();
	for (const r of rules) {
		const list = groups.get(r.category);
		if (list) list.push(r);
		else groups.set(r.category, [r]);
	}
	return [...groups].map(([category, list]) => ({ category, rules: list }));
}

import { loadOrError } from '$lib/server/http/load';
import { getRuleBook } from '$lib/server/rules/get-rule-book';
import { listPublicVillages } from '$lib/server/rules/list-public-villages';
import { ZRuleBookQuery } from '$lib/server/rules/schemas';
import { groupByCategory } from '$lib/server/rules/group-by-category';
import type { PageServerLoad } from './$types';

/**
 * The public rule book: /rules?village=<code> for anyone (it is printed on the village notice
 * board too); a signed-in villager sees their own village's without the parameter.
 */
export const load: PageServerLoad = ({ locals, url }) =>
	loadOrError(() => {
		const query = ZRuleBookQuery.parse(Object.fromEntries(url.searchParams));
		const villageId = locals.viewer?.villageId ?? null;
		if (!query.village && villageId === null) {
			return { book: null, villages: listPublicVillages() };
		}
		const book = getRuleBook(
			query.village ? { code: query.village } : { id: villageId as number },
			query.version
		);
		return {
			book: {
				village: book.village,
				version: book.version && {
					...book.version,
					categories: groupByCategory(book.version.rules)
				},
				history: book.history
			},
			villages: []
		};
	});

import * as m from '$lib/paraglide/messages';

/**
 * Words for the coded member fields, in the user's language. Shared by the committee's
 * household, member and group pages (the stored values are stable codes, or for care tags the
 * official Chinese category names). The lists of choices come from the server (see
 * memberChoices in $lib/server/people/views.ts), so they can't drift from the schema.
 */

const careTagLabels: Record<string, () => string> = {
	失独: m.people_tag_shidu,
	留守: m.people_tag_liushou,
	独居: m.people_tag_dujv,
	空巢: m.people_tag_kongchao,
	失能: m.people_tag_shineng,
	特困: m.people_tag_tekun,
	重残: m.people_tag_zhongcan,
	高龄: m.people_tag_gaoling
};
export const careTagLabel = (tag: string) => careTagLabels[tag]?.() ?? tag;

const riskTierLabels: Record<string, () => string> = {
	high: m.people_risk_high,
	medium: m.people_risk_medium,
	low: m.people_risk_low
};
export const riskTierLabel = (tier: string | null) =>
	tier ? (riskTierLabels[tier]?.() ?? tier) : m.people_risk_none();

const assistanceLabels: Record<string, () => string> = {
	none: m.people_assistance_none,
	dibao: m.people_assistance_dibao,
	tekun: m.people_assistance_tekun
};
export const assistanceLabel = (status: string) => assistanceLabels[status]?.() ?? status;

export const genderLabel = (gender: string | null) =>
	gender === 'male'
		? m.people_gender_male()
		: gender === 'female'
			? m.people_gender_female()
			: m.people_gender_unknown();

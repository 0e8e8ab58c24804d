import { z } from 'zod';
import { ASSISTANCE_STATUSES, CARE_TAGS, RISK_TIERS } from '$lib/server/db/schema';
import { fromZodError } from '$lib/server/http/errors';
import { zCheckbox, zList } from '$lib/server/http/fields';
import * as m from '$lib/paraglide/messages';

/**
 * Input schemas for households, members and ten-household groups. Shared by the committee
 * forms, the JSON API and the spreadsheet import, so all three accept and refuse alike.
 * Every refusal carries a message in the user's language (a form shows it under the field).
 */

/** A positive integer id chosen from a list (a select, or a JSON number). */
const zChoiceId = z.coerce
	.number({ error: () => m.people_v_choice() })
	.int()
	.positive();

/** An optional id: "" and absence become null. */
const zOptionalChoiceId = z
	.preprocess((v) => (v === '' ? null : v), zChoiceId.nullish())
	.transform((v) => v ?? null);

const householdShape = {
	/** 户号 */
	number: z
		.string({ error: () => m.people_v_number() })
		.trim()
		.min(1)
		.max(30),
	address: z
		.string({ error: () => m.people_v_address() })
		.trim()
		.max(120),
	/** 村民小组 */
	villagerGroup: z
		.string({ error: () => m.people_v_villager_group() })
		.trim()
		.max(30),
	tenGroupId: zOptionalChoiceId
};

export const ZHouseholdFields = z.object({
	...householdShape,
	address: householdShape.address.default(''),
	villagerGroup: householdShape.villagerGroup.default('')
});
export type HouseholdFields = z.infer<typeof ZHouseholdFields>;

/**
 * A change to a household: only the fields given change (no defaults fill in the rest);
 * `headMemberId` sets the 户主.
 */
export const ZHouseholdPatch = z
	.object(householdShape)
	.partial()
	.extend({ headMemberId: zChoiceId.optional() });
export type HouseholdPatch = z.input<typeof ZHouseholdPatch>;

export const ZPhoneOptional = z
	.string({ error: () => m.people_v_phone() })
	.trim()
	.regex(/^1\d{10}$/)
	.nullish()
	.or(z.literal('').transform(() => null))
	.transform((v) => v ?? null);

/** 18-character resident ID number (last character may be X). */
export const ZIdNumberOptional = z
	.string({ error: () => m.people_v_id_number() })
	.trim()
	.toUpperCase()
	.regex(/^\d{17}[\dX]$/)
	.nullish()
	.or(z.literal('').transform(() => null))
	.transform((v) => v ?? null);

const birthYearMax = new Date().getFullYear();

const memberShape = {
	name: z
		.string({ error: () => m.people_v_name() })
		.trim()
		.min(1)
		.max(30),
	gender: z
		.enum(['male', 'female', ''], { error: () => m.people_v_choice() })
		.nullish()
		.transform((v) => (v ? v : null)),
	/** Absent, "" and null all mean "not known". */
	birthYear: z
		.preprocess(
			(v) => (v === '' ? null : v),
			z.coerce
				.number({ error: () => m.people_v_birth_year({ max: birthYearMax }) })
				.int()
				.min(1900)
				.max(birthYearMax)
				.nullable()
		)
		.optional()
		.transform((v) => v ?? null),
	relation: z
		.string({ error: () => m.people_v_relation() })
		.trim()
		.max(20),
	phone: ZPhoneOptional,
	idNumber: ZIdNumberOptional,
	/** Kept in the canonical order of CARE_TAGS, each at most once. */
	careTags: zList(z.enum(CARE_TAGS, { error: () => m.people_v_choice() }))
		.optional()
		.transform((tags) => CARE_TAGS.filter((t) => tags?.includes(t))),
	riskTier: z
		.enum([...RISK_TIERS, ''], { error: () => m.people_v_choice() })
		.nullish()
		.transform((v) => (v ? v : null)),
	assistance: z.enum(ASSISTANCE_STATUSES, { error: () => m.people_v_choice() }),
	proxyConsent: zCheckbox
};

export const ZMemberFields = z.object({
	...memberShape,
	relation: memberShape.relation.default(''),
	assistance: memberShape.assistance.default('none')
});
export type MemberFields = z.infer<typeof ZMemberFields>;

/** A new member; `makeHead` makes them the household's 户主 at once. */
export const ZAddMember = ZMemberFields.extend({ makeHead: zCheckbox });
export type AddMemberInput = z.input<typeof ZAddMember>;

/** A change to a member: only the fields given change (no defaults fill in the rest). */
export const ZMemberPatch = z.object(memberShape).partial();
export type MemberPatch = z.input<typeof ZMemberPatch>;

/** Moves a member to another household of the village, named by its 户号. */
export const ZMoveMember = z.object({
	householdNumber: z
		.string({ error: () => m.people_v_number() })
		.trim()
		.min(1)
		.max(30)
});
export type MoveMemberInput = z.input<typeof ZMoveMember>;

export const ZGroupFields = z.object({
	name: z
		.string({ error: () => m.people_v_group_name() })
		.trim()
		.min(1)
		.max(30),
	leaderMemberId: zOptionalChoiceId
});
export type GroupFields = z.infer<typeof ZGroupFields>;

/** A change to a group: only the fields given change (`leaderMemberId: null` clears the leader). */
export const ZGroupPatch = ZGroupFields.partial();
export type GroupPatch = z.input<typeof ZGroupPatch>;

export const ZPeopleSearch = z.object({
	q: z
		.string({ error: () => m.people_v_search() })
		.trim()
		.max(40)
		.nullish()
		.transform((v) => (v ? v : null)),
	tenGroupId: z.preprocess((v) => (v === '' ? undefined : v), zChoiceId.optional()),
	includeInactive: zCheckbox,
	page: z.coerce
		.number({ error: () => m.people_v_choice() })
		.int()
		.min(1)
		.default(1)
});
export type PeopleSearch = z.infer<typeof ZPeopleSearch>;

export const ZGroupSearch = z.object({ includeInactive: zCheckbox });
export type GroupSearch = z.input<typeof ZGroupSearch>;

/**
 * Parses a partial update keeping only the keys the caller sent, so nothing they left out is
 * changed (the patch schemas carry no defaults; this also guards against any added later).
 */
export function parsePatch<S extends z.ZodObject>(
	schema: S,
	raw: Record<string, unknown>
): Partial<z.output<S>> {
	const parsed = parseInput(schema, raw) as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(raw)) {
		if (key in schema.shape && raw[key] !== undefined) out[key] = parsed[key];
	}
	return out as Partial<z.output<S>>;
}

/** Parses service input; bad input is a `validation` DomainError naming each field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
	const result = schema.safeParse(raw);
	if (!result.success) throw fromZodError(result.error);
	return result.data;
}

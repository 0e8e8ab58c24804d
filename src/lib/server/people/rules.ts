import { and, eq, ne } from 'drizzle-orm';
import type { DB, Tx } from '$lib/server/db';
import { households, members, tenGroups } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import * as m from '$lib/paraglide/messages';

/**
 * The rules every write of households, members and groups keeps, whether it comes from a
 * committee page, the API or an import. Call them inside the writing transaction, so the check
 * and the write see the same database.
 *
 * - 户号 is unique within a village (inactive households keep theirs: it is printed on paper).
 * - A group name is unique within a village.
 * - A phone number belongs to at most one ACTIVE member of a village: it is how staff find a
 *   person, and a deactivated member (moved away, deceased) frees it. The same number may
 *   appear in two villages (a person registered in both).
 * - A household's group and a group's leader are in the same village as it; an id from
 *   another village is answered as not found.
 */

type Q = DB | Tx;

/** A refusal tied to one form field, so the form can show it beneath that field. */
export function fieldError(
	code: 'validation' | 'not_found' | 'phone_taken' | 'household_number_taken' | 'group_name_taken',
	field: string,
	message: string
): DomainError {
	return new DomainError(code, { message, details: { fieldErrors: { [field]: message } } });
}

/** A refusal because of the state things are in (not the input): 409 with a plain reason. */
export function stateConflict(message: string): DomainError {
	return new DomainError('conflict', { message });
}

export function assertHouseholdNumberFree(
	q: Q,
	villageId: number,
	number: string,
	exceptHouseholdId?: number
): void {
	const taken = q
		.select({ id: households.id })
		.from(households)
		.where(
			and(
				eq(households.villageId, villageId),
				eq(households.number, number),
				exceptHouseholdId === undefined ? undefined : ne(households.id, exceptHouseholdId)
			)
		)
		.get();
	if (taken)
		throw fieldError('household_number_taken', 'number', m.people_number_taken({ number }));
}

export function assertGroupNameFree(
	q: Q,
	villageId: number,
	name: string,
	exceptGroupId?: number
): void {
	const taken = q
		.select({ id: tenGroups.id })
		.from(tenGroups)
		.where(
			and(
				eq(tenGroups.villageId, villageId),
				eq(tenGroups.name, name),
				exceptGroupId === undefined ? undefined : ne(tenGroups.id, exceptGroupId)
			)
		)
		.get();
	if (taken) throw fieldError('group_name_taken', 'name', m.people_group_name_taken({ name }));
}

export function assertPhoneFree(
	q: Q,
	villageId: number,
	phone: string,
	exceptMemberId?: number
): void {
	const taken = q
		.select({ id: members.id, name: members.name })
		.from(members)
		.where(
			and(
				eq(members.villageId, villageId),
				eq(members.phone, phone),
				eq(members.active, true),
				exceptMemberId === undefined ? undefined : ne(members.id, exceptMemberId)
			)
		)
		.get();
	if (taken) throw fieldError('phone_taken', 'phone', m.people_phone_taken({ name: taken.name }));
}

/** A group a household may be put in: this village's, and still active. */
export function assertAssignableGroup(q: Q, villageId: number, groupId: number): void {
	const group = q
		.select({ active: tenGroups.active })
		.from(tenGroups)
		.where(and(eq(tenGroups.id, groupId), eq(tenGroups.villageId, villageId)))
		.get();
	if (!group) throw fieldError('not_found', 'tenGroupId', m.people_group_not_found());
	if (!group.active) throw fieldError('validation', 'tenGroupId', m.people_group_inactive());
}

/** A leader for a group: an active member, of an active household, of this village. */
export function assertLeaderCandidate(q: Q, villageId: number, memberId: number): void {
	const row = q
		.select({ active: members.active, householdActive: households.active })
		.from(members)
		.innerJoin(households, eq(members.householdId, households.id))
		.where(and(eq(members.id, memberId), eq(members.villageId, villageId)))
		.get();
	if (!row) throw fieldError('not_found', 'leaderMemberId', m.people_member_not_found());
	if (!row.active || !row.householdActive) {
		throw fieldError('validation', 'leaderMemberId', m.people_leader_inactive());
	}
}

/** A 户主 for a household: an active member of that very household. */
export function assertHeadCandidate(q: Q, householdId: number, memberId: number): void {
	const row = q
		.select({ active: members.active })
		.from(members)
		.where(and(eq(members.id, memberId), eq(members.householdId, householdId)))
		.get();
	if (!row) throw fieldError('validation', 'headMemberId', m.people_head_not_member());
	if (!row.active) throw fieldError('validation', 'headMemberId', m.people_head_inactive());
}

/** Field-by-field changes for the audit log; private fields are named but their values kept out. */
export function changesOf<T extends Record<string, unknown>>(
	before: T,
	patch: Partial<T>,
	privateFields: readonly string[] = []
): { set: Partial<T>; audit: Record<string, unknown> } {
	const set: Partial<T> = {};
	const audit: Record<string, unknown> = {};
	for (const key of Object.keys(patch) as (keyof T & string)[]) {
		const to = patch[key];
		if (to === undefined || sameValue(before[key], to)) continue;
		set[key] = to;
		audit[key] = privateFields.includes(key) ? 'changed' : { from: before[key], to };
	}
	return { set, audit };
}

function sameValue(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((x, i) => x === b[i]);
	}
	return a === b;
}

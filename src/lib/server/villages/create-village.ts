import { eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import { hashPassword } from '$lib/server/auth/password';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { roleGrants, users, villages } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { assertPhoneFree } from './create-town-admin';
import { ZCreateVillage, type CreateVillageInput } from './schemas';

export type CreatedVillage = { villageId: number; userId: number };

/**
 * Creates a village with its first committee login. No viewer: this is for trusted callers
 * (the command line). Pages and the API use `createVillageAs`.
 */
export function createVillage(input: CreateVillageInput): Promise<CreatedVillage> {
	return create(input, null);
}

/** Creates a village on behalf of a signed-in town admin. */
export async function createVillageAs(
	viewer: Viewer | null,
	input: CreateVillageInput
): Promise<CreatedVillage> {
	authorize(viewer, 'village:create', { kind: 'town' });
	return create(input, viewer.userId);
}

async function create(
	raw: CreateVillageInput,
	actorUserId: number | null
): Promise<CreatedVillage> {
	const input = ZCreateVillage.parse(raw);
	// Hashing is async, and a better-sqlite3 transaction must not await: hash first.
	const passwordHash = await hashPassword(input.committee.password);
	// One IMMEDIATE transaction: the checks and the inserts see the same database, and a refusal
	// part-way leaves nothing behind.
	return write((tx) => {
		const codeTaken = tx
			.select({ id: villages.id })
			.from(villages)
			.where(eq(villages.code, input.code))
			.get();
		if (codeTaken) throw new DomainError('village_code_taken');
		assertPhoneFree(tx, input.committee.phone);

		const { id: villageId } = tx
			.insert(villages)
			.values({ name: input.name, code: input.code, town: input.town })
			.returning({ id: villages.id })
			.get();
		// The first committee login is staff, not a villager: it has no member row until the
		// committee imports the register and links itself.
		const { id: userId } = tx
			.insert(users)
			.values({
				phone: input.committee.phone,
				name: input.committee.name,
				passwordHash,
				villageId,
				memberId: null
			})
			.returning({ id: users.id })
			.get();
		tx.insert(roleGrants)
			.values({ userId, villageId, role: 'committee', grantedBy: actorUserId })
			.run();
		recordAudit(tx, {
			villageId,
			actorUserId,
			action: 'village.create',
			subjectType: 'village',
			subjectId: villageId,
			detail: { code: input.code, committeeUserId: userId }
		});
		return { villageId, userId };
	});
}

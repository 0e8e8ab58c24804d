import { eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import { hashPassword } from '$lib/server/auth/password';
import { write, type Tx } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { ZCreateTownAdmin, type CreateTownAdminInput } from './schemas';

/** A phone is one login: refuse it before the unique index would, with a message users understand. */
export function assertPhoneFree(tx: Tx, phone: string): void {
	const taken = tx.select({ id: users.id }).from(users).where(eq(users.phone, phone)).get();
	if (taken) throw new DomainError('phone_taken');
}

/**
 * Creates a town admin (乡镇管理员), who sits above the villages. Trusted callers only (the
 * command line): there is no viewer to check, and the first admin has no one above them.
 */
export async function createTownAdmin(input: CreateTownAdminInput): Promise<{ userId: number }> {
	const { phone, name, password } = ZCreateTownAdmin.parse(input);
	// Hashing is async, and a better-sqlite3 transaction must not await: hash first.
	const passwordHash = await hashPassword(password);
	return write((tx) => {
		assertPhoneFree(tx, phone);
		const { id: userId } = tx
			.insert(users)
			.values({ phone, name, passwordHash, isTownAdmin: true, villageId: null, memberId: null })
			.returning({ id: users.id })
			.get();
		recordAudit(tx, {
			villageId: null,
			actorUserId: null,
			action: 'town_admin.create',
			subjectType: 'user',
			subjectId: userId
		});
		return { userId };
	});
}

import { eq } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit/record-audit';
import { hashPassword } from '$lib/server/auth/password';
import type { Viewer } from '$lib/server/auth/viewer';
import { write } from '$lib/server/db';
import { members, roleGrants, users } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { authorize } from '$lib/server/permissions';
import { memberTarget } from '$lib/server/people/targets';
import { assertPhoneFree } from '$lib/server/villages/create-town-admin';
import * as m from '$lib/paraglide/messages';
import { ZCreateAccount, type CreateAccountInput } from './schemas';

/**
 * Gives an existing member a login (committee). The phone defaults to the member's own; the
 * committee sets the first password and hands it over. One login per member, one per phone.
 */
export async function createAccount(
	viewer: Viewer | null,
	raw: CreateAccountInput
): Promise<{ userId: number }> {
	const input = ZCreateAccount.parse(raw);
	const roles = input.roles ?? [];
	const target = memberTarget(input.memberId);
	authorize(viewer, 'accounts:manage', { kind: 'village', villageId: target.villageId });
	if (roles.length > 0) {
		authorize(viewer, 'roles:assign', { kind: 'village', villageId: target.villageId });
	}
	// Hashing is async, and a better-sqlite3 transaction must not await: hash first.
	const passwordHash = await hashPassword(input.password);
	return write((tx) => {
		const member = tx.select().from(members).where(eq(members.id, input.memberId)).get();
		if (!member) throw new DomainError('not_found');
		if (!member.active) {
			throw new DomainError('validation', { message: m.accounts_member_inactive() });
		}
		const existing = tx
			.select({ id: users.id })
			.from(users)
			.where(eq(users.memberId, member.id))
			.get();
		if (existing) throw new DomainError('member_has_account', { details: { userId: existing.id } });
		const phone = input.phone ?? member.phone;
		if (!phone) {
			throw new DomainError('validation', {
				message: m.accounts_phone_required(),
				details: { fieldErrors: { phone: m.accounts_phone_required() } }
			});
		}
		assertPhoneFree(tx, phone);
		const { id: userId } = tx
			.insert(users)
			.values({
				phone,
				name: member.name,
				passwordHash,
				memberId: member.id,
				villageId: member.villageId
			})
			.returning({ id: users.id })
			.get();
		for (const role of roles) {
			tx.insert(roleGrants)
				.values({ userId, villageId: member.villageId, role, grantedBy: viewer.userId })
				.run();
		}
		recordAudit(tx, {
			villageId: member.villageId,
			actorUserId: viewer.userId,
			action: 'account.create',
			subjectType: 'user',
			subjectId: userId,
			detail: { memberId: member.id, phone, roles }
		});
		return { userId };
	});
}

import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { db, write } from '$lib/server/db';
import { apiTokens } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { recordAudit } from '$lib/server/audit/record-audit';
import { disconnectToken } from '$lib/server/realtime/hub';
import { generateSessionToken, hashToken } from './session';
import type { Viewer } from './viewer';

export const ZTokenName = z.string().trim().min(1).max(60);

/** Issues a bearer token for the viewer. The secret is returned once and only its hash kept. */
export function issueApiToken(
	userId: number,
	villageId: number | null,
	name: string
): { id: number; token: string } {
	const token = `jst_${generateSessionToken()}`;
	const id = write((tx) => {
		const row = tx
			.insert(apiTokens)
			.values({ userId, name, tokenHash: hashToken(token) })
			.returning({ id: apiTokens.id })
			.get();
		recordAudit(tx, {
			villageId,
			actorUserId: userId,
			action: 'api_token.issue',
			subjectType: 'api_token',
			subjectId: row.id
		});
		return row.id;
	});
	return { id, token };
}

export function listApiTokens(viewer: Viewer) {
	return db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt
		})
		.from(apiTokens)
		.where(and(eq(apiTokens.userId, viewer.userId), isNull(apiTokens.revokedAt)))
		.orderBy(desc(apiTokens.id))
		.all();
}

/**
 * Only the owner may revoke a token; anyone else is told it doesn't exist. Sockets that
 * connected with it are ended once the revocation is committed (as logout ends a session's).
 */
export function revokeApiToken(viewer: Viewer, tokenId: number): void {
	const tokenHash = write((tx) => {
		const token = tx
			.select()
			.from(apiTokens)
			.where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, viewer.userId)))
			.get();
		if (!token || token.revokedAt) throw new DomainError('not_found');
		tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, tokenId)).run();
		recordAudit(tx, {
			villageId: viewer.villageId,
			actorUserId: viewer.userId,
			action: 'api_token.revoke',
			subjectType: 'api_token',
			subjectId: tokenId
		});
		return token.tokenHash;
	});
	disconnectToken(tokenHash);
}

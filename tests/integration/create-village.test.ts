import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { verifyPasswordHash } from '$lib/server/auth/password';
import { loadViewer } from '$lib/server/auth/viewer';
import { db } from '$lib/server/db';
import { auditLog, roleGrants, users, villages } from '$lib/server/db/schema';
import { DomainError } from '$lib/server/errors';
import { createTownAdmin } from '$lib/server/villages/create-town-admin';
import { createVillage, createVillageAs } from '$lib/server/villages/create-village';
import { makeUser, makeVillage, testPasswordHash } from '../factories';

const counts = () => ({
	villages: db.select({ n: count() }).from(villages).get()?.n,
	users: db.select({ n: count() }).from(users).get()?.n,
	grants: db.select({ n: count() }).from(roleGrants).get()?.n,
	audit: db.select({ n: count() }).from(auditLog).get()?.n
});

const input = (over: { code?: string; phone?: string } = {}) => ({
	name: ' 柳树村 ',
	code: over.code ?? 'liushu',
	town: '柳河镇',
	committee: { phone: over.phone ?? '13900000001', name: '张三', password: 'secret123' }
});

describe('createVillage', () => {
	beforeAll(async () => {
		// Warm the argon2 path once so the timing of the first test is not all hashing.
		await testPasswordHash();
	});

	it('creates the village, its committee login and the grant', async () => {
		const { villageId, userId } = await createVillage(input());
		const village = db.select().from(villages).where(eq(villages.id, villageId)).get();
		expect(village).toMatchObject({ name: '柳树村', code: 'liushu', town: '柳河镇' });
		const user = db.select().from(users).where(eq(users.id, userId)).get();
		expect(user).toMatchObject({
			phone: '13900000001',
			name: '张三',
			villageId,
			memberId: null,
			isTownAdmin: false
		});
		expect(await verifyPasswordHash(user?.passwordHash ?? '', 'secret123')).toBe(true);
		expect(user && loadViewer(user).roles).toEqual(['committee']);
		const audit = db.select().from(auditLog).where(eq(auditLog.villageId, villageId)).all();
		expect(audit.map((a) => a.action)).toEqual(['village.create']);
	});

	it('refuses a taken code and writes nothing', async () => {
		const before = counts();
		await expect(createVillage(input({ phone: '13900000002' }))).rejects.toMatchObject({
			code: 'village_code_taken'
		});
		expect(counts()).toEqual(before);
	});

	it('refuses a taken phone and writes nothing', async () => {
		const before = counts();
		const error = await createVillage(input({ code: 'liushu-2' })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DomainError);
		expect(error).toMatchObject({ code: 'phone_taken', status: 409 });
		expect((error as DomainError).userMessage()).not.toBe('');
		expect(counts()).toEqual(before);
	});

	it('refuses invalid input with per-field problems and writes nothing', async () => {
		const before = counts();
		const error = await createVillage({
			name: '',
			code: '9x',
			committee: { phone: '123', name: '张三', password: 'short' }
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ZodError);
		expect((error as ZodError).issues.map((i) => i.path.join('.')).sort()).toEqual([
			'code',
			'committee.password',
			'committee.phone',
			'name'
		]);
		expect(counts()).toEqual(before);
	});

	it('lowercases and trims the code', async () => {
		const { villageId } = await createVillage(
			input({ code: '  Liushu-North ', phone: '13900000003' })
		);
		expect(db.select().from(villages).where(eq(villages.id, villageId)).get()?.code).toBe(
			'liushu-north'
		);
	});
});

describe('createVillageAs', () => {
	it('lets a town admin create a village and records who did it', async () => {
		const { userId: adminId } = await createTownAdmin({
			phone: '13900000100',
			name: '镇长',
			password: 'secret123'
		});
		const admin = db.select().from(users).where(eq(users.id, adminId)).get();
		expect(admin).toMatchObject({ isTownAdmin: true, villageId: null });
		const viewer = loadViewer(admin as NonNullable<typeof admin>);
		const { villageId } = await createVillageAs(
			viewer,
			input({ code: 'dong', phone: '13900000004' })
		);
		const grant = db.select().from(roleGrants).where(eq(roleGrants.villageId, villageId)).get();
		expect(grant?.grantedBy).toBe(adminId);
	});

	it('refuses a committee member and writes nothing', async () => {
		const village = makeVillage();
		const committee = makeUser({ villageId: village.id, roles: ['committee'] });
		const before = counts();
		await expect(
			createVillageAs(loadViewer(committee), input({ code: 'xi', phone: '13900000005' }))
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			createVillageAs(null, input({ code: 'xi', phone: '13900000005' }))
		).rejects.toMatchObject({
			code: 'unauthenticated'
		});
		expect(counts()).toEqual(before);
	});
});

describe('createTownAdmin', () => {
	it('refuses a phone that is taken', async () => {
		const before = counts();
		await expect(
			createTownAdmin({ phone: '13900000001', name: '李四', password: 'secret123' })
		).rejects.toMatchObject({ code: 'phone_taken' });
		expect(counts()).toEqual(before);
	});
});

import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, newPlaqueToken } from './columns';
import { villages } from './villages';

/** The eight care categories of 巡访关爱. Private: never on public pages. */
export const CARE_TAGS = ['失独', '留守', '独居', '空巢', '失能', '特困', '重残', '高龄'] as const;
export type CareTag = (typeof CARE_TAGS)[number];

/** Risk tier decides the visit interval (weekly / monthly / quarterly). */
export const RISK_TIERS = ['high', 'medium', 'low'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** 低保 / 特困 assistance status. Private. */
export const ASSISTANCE_STATUSES = ['none', 'dibao', 'tekun'] as const;

/** 十户联组: about ten households under one leader. */
export const tenGroups = sqliteTable(
	'ten_groups',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		name: text().notNull(),
		/** A member id; not a foreign key to keep the member ↔ group cycle out of the schema. */
		leaderMemberId: integer(),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('ten_groups_village_name').on(t.villageId, t.name)]
);

/** 户: holds the points account. */
export const households = sqliteTable(
	'households',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		/** 户号, unique within the village. */
		number: text().notNull(),
		address: text().notNull().default(''),
		/** 村民小组, e.g. "一组". */
		villagerGroup: text().notNull().default(''),
		tenGroupId: integer().references(() => tenGroups.id),
		headMemberId: integer(),
		/** Cache of the sum of the household's ledger entries (kept in the same transaction). */
		balance: integer().notNull().default(0),
		/**
		 * The unguessable part of the door-plaque QR address (/plaque/<token>): the public page
		 * shows the masked head and standing, so ids and 户号 can't be walked through.
		 */
		plaqueToken: text().$defaultFn(newPlaqueToken),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('households_village_number').on(t.villageId, t.number),
		uniqueIndex('households_plaque_token').on(t.plaqueToken),
		index('households_group').on(t.tenGroupId)
	]
);

export const members = sqliteTable(
	'members',
	{
		id: id(),
		villageId: integer()
			.notNull()
			.references(() => villages.id),
		householdId: integer()
			.notNull()
			.references(() => households.id),
		name: text().notNull(),
		gender: text({ enum: ['male', 'female'] }),
		birthYear: integer(),
		/** 与户主关系, e.g. 户主 / 配偶 / 子女. */
		relation: text().notNull().default(''),
		phone: text(),
		idNumber: text(),
		careTags: text({ mode: 'json' }).$type<CareTag[]>().notNull().default([]),
		riskTier: text({ enum: RISK_TIERS }),
		assistance: text({ enum: ASSISTANCE_STATUSES }).notNull().default('none'),
		/** The member has agreed that family or their 十户长 may act for them (代办). */
		proxyConsent: integer({ mode: 'boolean' }).notNull().default(false),
		/** Set by the household head: this member may redeem and act for the household. */
		mayActForHousehold: integer({ mode: 'boolean' }).notNull().default(false),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [
		index('members_household').on(t.householdId),
		index('members_village_name').on(t.villageId, t.name),
		check('members_birth_year', sql`${t.birthYear} is null or ${t.birthYear} between 1900 and 2100`)
	]
);

export type TenGroup = typeof tenGroups.$inferSelect;
export type Household = typeof households.$inferSelect;
export type Member = typeof members.$inferSelect;

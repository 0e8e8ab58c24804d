import { and, asc, eq } from 'drizzle-orm';
import type { Viewer } from '$lib/server/auth/viewer';
import { recordAudit } from '$lib/server/audit/record-audit';
import { db, write } from '$lib/server/db';
import { households, members, tenGroups, type Member } from '$lib/server/db/schema';
import { ownVillage } from './access';
import { COLUMNS, HEADERS, WORDS, type ColumnKey } from './columns';
import type { ExportFormat } from './schemas';
import { CONTENT_TYPES, toCsv, toXlsx, type Download } from './write-sheet';

/** Column widths of the people sheet (template and export), in characters. */
export const PEOPLE_WIDTHS = [10, 24, 10, 12, 9, 10, 6, 9, 11, 14, 21, 20, 9, 9, 9];

/**
 * Every active household of the viewer's village with its active members, one row per member,
 * in the import's own columns — so an export re-imports into an empty village. Includes the
 * private columns (phones, ID numbers, care tags …): committee only, and every export is audited.
 */
export async function exportHouseholds(
	viewer: Viewer | null,
	format: ExportFormat
): Promise<Download> {
	const villageId = ownVillage(viewer, 'people:export');
	const rows = [HEADERS as string[], ...householdRows(villageId)];
	write((tx) =>
		recordAudit(tx, {
			villageId,
			actorUserId: viewer!.userId,
			action: 'people.export',
			subjectType: 'village',
			subjectId: villageId,
			detail: { format, rows: rows.length - 1 }
		})
	);
	const date = new Date().toISOString().slice(0, 10);
	return {
		fileName: `农户名单-${date}.${format}`,
		asciiName: `households-${date}.${format}`,
		contentType: CONTENT_TYPES[format],
		body:
			format === 'csv'
				? toCsv(rows)
				: await toXlsx([{ name: '农户', rows, widths: PEOPLE_WIDTHS, header: true }])
	};
}

function householdRows(villageId: number): string[][] {
	const list = db
		.select({
			id: households.id,
			number: households.number,
			address: households.address,
			villagerGroup: households.villagerGroup,
			headMemberId: households.headMemberId,
			group: tenGroups.name
		})
		.from(households)
		.leftJoin(tenGroups, eq(households.tenGroupId, tenGroups.id))
		.where(and(eq(households.villageId, villageId), eq(households.active, true)))
		.all()
		.sort((a, b) => a.number.localeCompare(b.number, 'zh-CN', { numeric: true }));
	const byHousehold = new Map<number, Member[]>();
	for (const member of db
		.select()
		.from(members)
		.where(and(eq(members.villageId, villageId), eq(members.active, true)))
		.orderBy(asc(members.id))
		.all()) {
		const list = byHousehold.get(member.householdId) ?? [];
		list.push(member);
		byHousehold.set(member.householdId, list);
	}
	const rows: string[][] = [];
	for (const h of list) {
		const household = {
			number: h.number,
			address: h.address,
			villagerGroup: h.villagerGroup,
			tenGroup: h.group ?? ''
		};
		const people = (byHousehold.get(h.id) ?? []).sort(
			(a, b) => Number(b.id === h.headMemberId) - Number(a.id === h.headMemberId)
		);
		// A household without active members still appears, with its own columns only.
		if (people.length === 0) rows.push(toRow({ ...household }));
		for (const p of people) {
			rows.push(
				toRow({
					...household,
					isHead: WORDS.yesNo(p.id === h.headMemberId),
					name: p.name,
					gender: WORDS.gender(p.gender),
					birthYear: p.birthYear === null ? '' : String(p.birthYear),
					relation: p.relation,
					phone: p.phone ?? '',
					idNumber: p.idNumber ?? '',
					careTags: WORDS.careTags(p.careTags),
					riskTier: WORDS.riskTier(p.riskTier),
					assistance: WORDS.assistance(p.assistance),
					proxyConsent: WORDS.yesNo(p.proxyConsent)
				})
			);
		}
	}
	return rows;
}

const toRow = (cells: Partial<Record<ColumnKey, string>>): string[] =>
	COLUMNS.map((c) => cells[c.key] ?? '');

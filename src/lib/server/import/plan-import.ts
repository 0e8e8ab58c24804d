import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { DB, Tx } from '$lib/server/db';
import { CARE_TAGS, households, members, tenGroups } from '$lib/server/db/schema';
import {
	ZGroupFields,
	ZHouseholdFields,
	ZMemberFields,
	type MemberFields
} from '$lib/server/people/schemas';
import {
	CHOICES,
	COLUMNS,
	HEADERS,
	HOUSEHOLD_COLUMNS,
	headerOf,
	isCareTag,
	normalizeHeader,
	splitCareTags,
	type ColumnKey,
	type RowCells
} from './columns';
import { rowProblem, sortProblems, type ImportProblem } from './problems';
import type { Sheet, SheetRow } from './read-sheet';

/** How many rows the preview shows. */
export const SAMPLE_ROWS = 20;

/** What the import must not collide with in the village, read in the importing transaction. */
export type VillageState = {
	/** 户号 of every household, active or not (a 户号 is never reused). */
	numbers: Set<string>;
	/** Phones of active members. */
	phones: Set<string>;
	/** ID numbers of active members. */
	idNumbers: Set<string>;
	groups: Map<string, { id: number; active: boolean }>;
};

export function loadVillageState(q: DB | Tx, villageId: number): VillageState {
	const numbers = new Set(
		q
			.select({ number: households.number })
			.from(households)
			.where(eq(households.villageId, villageId))
			.all()
			.map((h) => h.number)
	);
	const active = q
		.select({ phone: members.phone, idNumber: members.idNumber })
		.from(members)
		.where(and(eq(members.villageId, villageId), eq(members.active, true)))
		.all();
	const groups = new Map(
		q
			.select({ id: tenGroups.id, name: tenGroups.name, active: tenGroups.active })
			.from(tenGroups)
			.where(eq(tenGroups.villageId, villageId))
			.all()
			.map((g) => [g.name, { id: g.id, active: g.active }])
	);
	return {
		numbers,
		phones: new Set(active.flatMap((a) => (a.phone ? [a.phone] : []))),
		idNumbers: new Set(active.flatMap((a) => (a.idNumber ? [a.idNumber] : []))),
		groups
	};
}

export type PlannedMember = MemberFields & { row: number; isHead: boolean };
export type PlannedHousehold = {
	number: string;
	address: string;
	villagerGroup: string;
	/** 十户联组 by name; null when the column is empty. */
	tenGroup: string | null;
	members: PlannedMember[];
};
export type SampleRow = { row: number; cells: RowCells };

export type ImportPlan = {
	/** Data rows in the file (= members). */
	rows: number;
	households: PlannedHousehold[];
	/** 十户联组 names the import will create. */
	newGroups: string[];
	/** The first rows, as read, for the preview. */
	sample: SampleRow[];
};

export type PlanResult = { ok: true; plan: ImportPlan } | { ok: false; errors: ImportProblem[] };

/**
 * Checks every row of the sheet against the same schemas the committee's forms use and against
 * the village's data, and plans the households and members to create. Every problem is
 * reported, not only the first; a plan is returned only when there are none.
 */
export function planImport(sheet: Sheet, state: VillageState): PlanResult {
	const columns = mapHeader(sheet);
	if ('errors' in columns) return { ok: false, errors: columns.errors };

	const problems: ImportProblem[] = [];
	const rows = sheet.rows.map((r) => {
		const cells = Object.fromEntries(COLUMNS.map((c) => [c.key, ''])) as RowCells;
		columns.forEach((key, i) => {
			if (key) cells[key] = r.cells[i] ?? '';
		});
		const idColumn = columns.indexOf('idNumber');
		return { ...checkRow(r, cells, r.inexact.includes(idColumn), problems), cells };
	});

	// Households: rows of one 户号 agree on the household's columns and name exactly one head.
	type Pending = PlannedHousehold & {
		row: number;
		cells: RowCells;
		headRow: number | null;
		headUnknown: boolean;
	};
	const byNumber = new Map<string, Pending>();
	for (const r of rows) {
		if (r.number === null) continue;
		let h = byNumber.get(r.number);
		if (!h) {
			h = {
				number: r.number,
				address: r.address,
				villagerGroup: r.villagerGroup,
				tenGroup: r.tenGroup,
				members: [],
				row: r.row,
				cells: r.cells,
				headRow: null,
				headUnknown: false
			};
			byNumber.set(r.number, h);
		} else {
			for (const key of HOUSEHOLD_COLUMNS) {
				if (r.cells[key] !== h.cells[key]) {
					problems.push(
						rowProblem(
							r.row,
							m.import_err_household_conflict({
								number: r.number,
								column: headerOf(key),
								first: h.row
							})
						)
					);
				}
			}
		}
		if (r.isHead === undefined) h.headUnknown = true;
		if (r.isHead) {
			if (h.headRow !== null) {
				problems.push(
					rowProblem(r.row, m.import_err_two_heads({ number: r.number, first: h.headRow }))
				);
			} else {
				h.headRow = r.row;
			}
		}
		if (r.member) h.members.push({ ...r.member, row: r.row, isHead: r.isHead === true });
	}
	for (const h of byNumber.values()) {
		if (state.numbers.has(h.number)) {
			problems.push(rowProblem(h.row, m.import_err_household_exists({ number: h.number })));
		} else if (h.headRow === null && !h.headUnknown) {
			problems.push(rowProblem(h.row, m.import_err_no_head({ number: h.number })));
		}
	}

	// Phones and ID numbers: once in the file, and not already an active member's.
	const firstPhone = new Map<string, number>();
	const firstId = new Map<string, number>();
	for (const r of rows) {
		const phone = r.member?.phone;
		if (phone) {
			const first = firstPhone.get(phone);
			if (first !== undefined) {
				problems.push(rowProblem(r.row, m.import_err_phone_repeated({ phone, first })));
			} else {
				firstPhone.set(phone, r.row);
				if (state.phones.has(phone)) {
					problems.push(rowProblem(r.row, m.import_err_phone_taken({ phone })));
				}
			}
		}
		const idNumber = r.member?.idNumber;
		if (idNumber) {
			const first = firstId.get(idNumber);
			if (first !== undefined) {
				problems.push(rowProblem(r.row, m.import_err_id_repeated({ first })));
			} else {
				firstId.set(idNumber, r.row);
				if (state.idNumbers.has(idNumber)) {
					problems.push(rowProblem(r.row, m.import_err_id_taken()));
				}
			}
		}
	}

	// 十户联组 by name: an unknown name is a new group; a stopped one is refused.
	const newGroups: string[] = [];
	const reported = new Set<string>();
	for (const r of rows) {
		if (!r.tenGroup) continue;
		const group = state.groups.get(r.tenGroup);
		if (!group) {
			if (!newGroups.includes(r.tenGroup)) newGroups.push(r.tenGroup);
		} else if (!group.active && !reported.has(r.tenGroup)) {
			reported.add(r.tenGroup);
			problems.push(rowProblem(r.row, m.import_err_group_inactive({ name: r.tenGroup })));
		}
	}

	if (problems.length > 0) return { ok: false, errors: sortProblems(problems) };
	return {
		ok: true,
		plan: {
			rows: rows.length,
			households: [...byNumber.values()].map((h) => ({
				number: h.number,
				address: h.address,
				villagerGroup: h.villagerGroup,
				tenGroup: h.tenGroup,
				members: h.members
			})),
			newGroups,
			sample: rows.slice(0, SAMPLE_ROWS).map((r) => ({ row: r.row, cells: r.cells }))
		}
	};
}

/** The column each header cell names (null for an empty header over empty cells), or the problems. */
function mapHeader(sheet: Sheet): (ColumnKey | null)[] | { errors: ImportProblem[] } {
	const { header } = sheet;
	const problems: ImportProblem[] = [];
	const keys: (ColumnKey | null)[] = [];
	const width = Math.max(header.cells.length, ...sheet.rows.map((r) => r.cells.length));
	for (let i = 0; i < width; i++) {
		const text = normalizeHeader(header.cells[i] ?? '');
		if (text === '') {
			keys.push(null);
			if (sheet.rows.some((r) => (r.cells[i] ?? '') !== '')) {
				problems.push(rowProblem(header.row, m.import_err_unnamed_column({ column: i + 1 })));
			}
			continue;
		}
		const column = COLUMNS.find((c) => c.header === text);
		if (!column) {
			problems.push(
				rowProblem(
					header.row,
					m.import_err_unknown_column({ column: text, allowed: HEADERS.join('、') })
				)
			);
			keys.push(null);
		} else if (keys.includes(column.key)) {
			problems.push(rowProblem(header.row, m.import_err_duplicate_column({ column: text })));
			keys.push(null);
		} else {
			keys.push(column.key);
		}
	}
	for (const c of COLUMNS) {
		if (c.required && !keys.includes(c.key)) {
			problems.push(rowProblem(header.row, m.import_err_missing_column({ column: c.header })));
		}
	}
	return problems.length > 0 ? { errors: problems } : keys;
}

type CheckedRow = {
	row: number;
	/** The 户号, or null when it is missing or invalid. */
	number: string | null;
	address: string;
	villagerGroup: string;
	tenGroup: string | null;
	/** undefined when the cell holds something other than 是/否. */
	isHead: boolean | undefined;
	/** The member's fields, or null when any of them is wrong. */
	member: MemberFields | null;
};

/** Maps one row's Chinese cells to the schemas' values and validates them. */
function checkRow(
	r: SheetRow,
	cells: RowCells,
	idInexact: boolean,
	problems: ImportProblem[]
): CheckedRow {
	const before = problems.length;
	const add = (problem: string) => problems.push(rowProblem(r.row, problem));

	// Household columns.
	const household = ZHouseholdFields.safeParse({
		number: cells.number,
		address: cells.address,
		villagerGroup: cells.villagerGroup,
		tenGroupId: null
	});
	if (!household.success) reportIssues(household.error, cells, add);
	if (cells.tenGroup) {
		const name = ZGroupFields.shape.name.safeParse(cells.tenGroup);
		if (!name.success) {
			reportIssues(name.error, cells, add, 'tenGroup');
		}
	}

	// Choice columns: the Chinese words, mapped to the schema's values.
	const choice = <K extends keyof typeof CHOICES>(key: K) => {
		const value = CHOICES[key].map(cells[key]);
		if (value === undefined) {
			add(
				m.import_err_choice({
					column: headerOf(key),
					value: cells[key],
					allowed: CHOICES[key].words
				})
			);
		}
		return value;
	};
	const isHead = choice('isHead') as boolean | undefined;
	const proxyConsent = choice('proxyConsent') as boolean | undefined;
	const gender = choice('gender') as string | undefined;
	const riskTier = choice('riskTier') as string | undefined;
	const assistance = choice('assistance') as string | undefined;

	const tags = splitCareTags(cells.careTags);
	for (const tag of tags) {
		if (!isCareTag(tag)) {
			add(m.import_err_care_tag({ value: tag, allowed: CARE_TAGS.join('、') }));
		}
	}
	if (idInexact) add(m.import_err_id_number_as_number());

	let relation = cells.relation;
	if (isHead === true && relation === '') relation = '户主';
	if (isHead === false && relation === '户主') add(m.import_err_relation_head());

	const member = ZMemberFields.safeParse({
		name: cells.name,
		gender: gender ?? '',
		birthYear: cells.birthYear.replace(/年$/, ''),
		relation,
		phone: cells.phone,
		idNumber: idInexact ? '' : cells.idNumber,
		careTags: tags.filter(isCareTag),
		riskTier: riskTier ?? '',
		assistance: assistance ?? 'none',
		proxyConsent: proxyConsent ? 'true' : ''
	});
	if (!member.success) reportIssues(member.error, cells, add);

	const ok = problems.length === before;
	return {
		row: r.row,
		number: household.success ? household.data.number : null,
		address: household.success ? household.data.address : cells.address,
		villagerGroup: household.success ? household.data.villagerGroup : cells.villagerGroup,
		tenGroup: cells.tenGroup || null,
		isHead,
		member: ok && member.success ? member.data : null
	};
}

/** Schema field → spreadsheet column. */
const FIELD_COLUMN: Record<string, ColumnKey> = {
	number: 'number',
	address: 'address',
	villagerGroup: 'villagerGroup',
	name: 'name',
	gender: 'gender',
	birthYear: 'birthYear',
	relation: 'relation',
	phone: 'phone',
	idNumber: 'idNumber',
	careTags: 'careTags',
	riskTier: 'riskTier',
	assistance: 'assistance',
	proxyConsent: 'proxyConsent'
};

/** One plain sentence per wrong column (the first issue of each), named by its header. */
function reportIssues(
	error: z.ZodError,
	cells: RowCells,
	add: (problem: string) => void,
	columnOverride?: ColumnKey
) {
	const seen = new Set<ColumnKey>();
	for (const issue of error.issues) {
		const key = columnOverride ?? FIELD_COLUMN[String(issue.path[0])];
		if (!key || seen.has(key)) continue;
		seen.add(key);
		const column = headerOf(key);
		const value = cells[key];
		if (key === 'phone') add(m.import_err_phone({ value }));
		else if (key === 'birthYear') {
			add(m.import_err_birth_year({ value, max: new Date().getFullYear() }));
		} else if (key === 'idNumber') add(m.import_err_id_number({ value }));
		else if (issue.code === 'too_small' && value === '') add(m.import_err_required({ column }));
		else if (issue.code === 'too_big') {
			add(m.import_err_too_long({ column, max: Number(issue.maximum) }));
		} else add(m.import_err_invalid({ column, value }));
	}
}

import * as m from '$lib/paraglide/messages';
import type { Viewer } from '$lib/server/auth/viewer';
import { CARE_TAGS } from '$lib/server/db/schema';
import { ownVillage } from './access';
import { CHOICES, COLUMNS, HEADERS, type ColumnKey } from './columns';
import { PEOPLE_WIDTHS } from './export-households';
import { MAX_ROWS } from './problems';
import type { ExportFormat } from './schemas';
import { CONTENT_TYPES, toCsv, toXlsx, type Download } from './write-sheet';

/** Two example rows: one household, its head and the head's spouse. */
const EXAMPLES: Record<ColumnKey, string>[] = [
	{
		number: 'SL-001',
		address: '示例路 1 号',
		villagerGroup: '一组',
		tenGroup: '第1联组',
		isHead: '是',
		name: '张大山',
		gender: '男',
		birthYear: '1956',
		relation: '户主',
		phone: '13912345678',
		idNumber: '',
		careTags: '空巢、高龄',
		riskTier: '中',
		assistance: '无',
		proxyConsent: '是'
	},
	{
		number: 'SL-001',
		address: '示例路 1 号',
		villagerGroup: '一组',
		tenGroup: '第1联组',
		isHead: '否',
		name: '李秀英',
		gender: '女',
		birthYear: '1958',
		relation: '配偶',
		phone: '',
		idNumber: '',
		careTags: '',
		riskTier: '',
		assistance: '低保',
		proxyConsent: '是'
	}
];

/** The import template: the Chinese headers and two example rows (the .xlsx also explains each column). */
export async function importTemplate(
	viewer: Viewer | null,
	format: ExportFormat
): Promise<Download> {
	ownVillage(viewer, 'people:import');
	const rows = [HEADERS as string[], ...EXAMPLES.map((e) => COLUMNS.map((c) => e[c.key]))];
	return {
		fileName: `农户导入模板.${format}`,
		asciiName: `import-template.${format}`,
		contentType: CONTENT_TYPES[format],
		body:
			format === 'csv'
				? toCsv(rows)
				: await toXlsx([
						{ name: '农户', rows, widths: PEOPLE_WIDTHS, header: true },
						{
							name: m.import_template_help_sheet(),
							rows: [
								[m.import_template_help_column(), m.import_template_help_how()],
								...COLUMNS.map((c) => [c.header, help(c.key)]),
								[],
								[m.import_template_help_rules({ max: MAX_ROWS })]
							],
							widths: [14, 80],
							header: true
						}
					])
	};
}

function help(key: ColumnKey): string {
	switch (key) {
		case 'number':
			return m.import_help_number();
		case 'address':
			return m.import_help_address();
		case 'villagerGroup':
			return m.import_help_villager_group();
		case 'tenGroup':
			return m.import_help_ten_group();
		case 'isHead':
			return m.import_help_is_head();
		case 'name':
			return m.import_help_name();
		case 'gender':
			return m.import_help_choice({ allowed: CHOICES.gender.words });
		case 'birthYear':
			return m.import_help_birth_year();
		case 'relation':
			return m.import_help_relation();
		case 'phone':
			return m.import_help_phone();
		case 'idNumber':
			return m.import_help_id_number();
		case 'careTags':
			return m.import_help_care_tags({ allowed: CARE_TAGS.join('、') });
		case 'riskTier':
			return m.import_help_choice({ allowed: CHOICES.riskTier.words });
		case 'assistance':
			return m.import_help_choice({ allowed: CHOICES.assistance.words });
		case 'proxyConsent':
			return m.import_help_proxy_consent();
	}
}

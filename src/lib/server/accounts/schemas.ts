import { z } from 'zod';
import { GRANTED_ROLES } from '$lib/server/db/schema';
import { zId, zList, zOptionalText } from '$lib/server/http/fields';
import * as m from '$lib/paraglide/messages';

/**
 * Input schemas for logins and roles. Shared by the committee pages (form strings) and the JSON
 * API, so both accept and refuse alike.
 */

/** A password the committee sets for a villager: at least 8 characters. */
export const ZInitialPassword = z
	.string({ error: () => m.validation_password_min() })
	.min(8, { error: () => m.validation_password_min() })
	.max(200, { error: () => m.validation_password_min() });

/** An optional phone: "" or absent means "use the member's own phone". */
const ZOptionalPhone = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
	z
		.string({ error: () => m.validation_phone() })
		.trim()
		.regex(/^1\d{10}$/, { error: () => m.validation_phone() })
		.optional()
);

export const ZGrantedRole = z.enum(GRANTED_ROLES, { error: () => m.accounts_invalid_role() });

export const ZCreateAccount = z.object({
	memberId: zId,
	phone: ZOptionalPhone,
	password: ZInitialPassword,
	/** Granted roles to give at once (needs `roles:assign` as well). */
	roles: zList(ZGrantedRole)
		.transform((roles) => [...new Set(roles)])
		.optional()
});
export type CreateAccountInput = z.input<typeof ZCreateAccount>;

export const ZResetPassword = z.object({ password: ZInitialPassword });
export type ResetPasswordInput = z.input<typeof ZResetPassword>;

export const ZSetActive = z.object({
	active: z
		.union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
		.transform((v) => v === true || v === 'true' || v === '1')
});
export type SetActiveInput = z.input<typeof ZSetActive>;

export const ZRoleChange = z.object({ role: ZGrantedRole });
export type RoleChangeInput = z.input<typeof ZRoleChange>;

export const ZAccountSearch = z.object({
	q: zOptionalText(40),
	page: z.coerce.number().int().min(1).max(10_000).catch(1).optional()
});
export type AccountSearch = z.input<typeof ZAccountSearch>;

export const ZMemberSearch = z.object({ q: zOptionalText(40) });

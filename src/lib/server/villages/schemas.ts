import { z } from 'zod';
import * as m from '$lib/paraglide/messages';

// The same phone rule as the login form (auth/log-in.ts), declared here so this file stays free
// of the database import that log-in.ts carries.
const ZPhone = z
	.string({ error: () => m.validation_phone() })
	.trim()
	.regex(/^1\d{10}$/, { error: () => m.validation_phone() });

const ZPersonName = z
	.string({ error: () => m.validation_person_name() })
	.trim()
	.min(1, { error: () => m.validation_person_name() })
	.max(40, { error: () => m.validation_person_name() });

/** At least 8 characters; the upper bound keeps a hostile form from feeding argon2 megabytes. */
const ZNewPassword = z
	.string({ error: () => m.validation_password_min() })
	.min(8, { error: () => m.validation_password_min() })
	.max(200, { error: () => m.validation_password_min() });

export const ZCreateVillage = z.object({
	name: z
		.string({ error: () => m.validation_village_name() })
		.trim()
		.min(1, { error: () => m.validation_village_name() })
		.max(40, { error: () => m.validation_village_name() }),
	/** Used in URLs and on printed QR codes, so plain lowercase ASCII. */
	code: z
		.string({ error: () => m.validation_village_code() })
		.trim()
		.toLowerCase()
		.regex(/^[a-z][a-z0-9-]{1,30}$/, { error: () => m.validation_village_code() }),
	town: z
		.string()
		.trim()
		.max(40, { error: () => m.validation_town_name() })
		.default(''),
	/** The village's first committee login, who then sets up everything else. */
	committee: z.object({ phone: ZPhone, name: ZPersonName, password: ZNewPassword })
});
export type CreateVillageInput = z.input<typeof ZCreateVillage>;

export const ZCreateTownAdmin = z.object({
	phone: ZPhone,
	name: ZPersonName,
	password: ZNewPassword
});
export type CreateTownAdminInput = z.input<typeof ZCreateTownAdmin>;

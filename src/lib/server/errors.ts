import * as m from '$lib/paraglide/messages';

/**
 * Every refusal a service can give. The code is stable (clients match on it); the message is
 * looked up in the user's language when the error is shown.
 */
const ERRORS = {
	bad_request: { status: 400, message: () => m.error_bad_request() },
	validation: { status: 400, message: () => m.error_validation() },
	unauthenticated: { status: 401, message: () => m.error_unauthenticated() },
	invalid_credentials: { status: 401, message: () => m.error_invalid_credentials() },
	forbidden: { status: 403, message: () => m.error_forbidden() },
	not_found: { status: 404, message: () => m.error_not_found() },
	conflict: { status: 409, message: () => m.error_conflict() },
	phone_taken: { status: 409, message: () => m.error_phone_taken() },
	household_number_taken: { status: 409, message: () => m.error_household_number_taken() },
	village_code_taken: { status: 409, message: () => m.error_village_code_taken() },
	group_name_taken: { status: 409, message: () => m.error_group_name_taken() },
	member_has_account: { status: 409, message: () => m.error_member_has_account() },
	self_lockout: { status: 409, message: () => m.error_self_lockout() },
	idempotency_mismatch: { status: 422, message: () => m.error_idempotency_mismatch() },
	idempotency_acted: { status: 409, message: () => m.error_idempotency_acted() },
	import_invalid: { status: 422, message: () => m.error_import_invalid() },
	rate_limited: { status: 429, message: () => m.error_rate_limited() },
	rule_book_not_draft: { status: 409, message: () => m.error_rule_book_not_draft() },
	rule_draft_exists: { status: 409, message: () => m.error_rule_draft_exists() },
	rule_book_incomplete: { status: 422, message: () => m.error_rule_book_incomplete() },
	rule_not_current: { status: 409, message: () => m.error_rule_not_current() },
	ledger_already_corrected: { status: 409, message: () => m.error_ledger_already_corrected() },
	ledger_not_correctable: { status: 409, message: () => m.error_ledger_not_correctable() },
	insufficient_points: { status: 409, message: () => m.error_insufficient_points() },
	ledger_inconsistent: { status: 500, message: () => m.error_ledger_inconsistent() },
	slip_not_pending: { status: 409, message: () => m.error_slip_not_pending() },
	slip_needs_check: { status: 409, message: () => m.error_slip_needs_check() },
	slip_own_report: { status: 403, message: () => m.error_slip_own_report() },
	slip_own_household: { status: 403, message: () => m.error_slip_own_household() },
	slip_cap_reached: { status: 409, message: () => m.error_slip_cap_reached() },
	slip_helped_own_household: { status: 422, message: () => m.error_slip_helped_own_household() },
	objection_closed: { status: 409, message: () => m.error_objection_closed() },
	objection_exists: { status: 409, message: () => m.error_objection_exists() },
	objection_not_standing: { status: 409, message: () => m.error_objection_not_standing() },
	photo_required: { status: 422, message: () => m.error_photo_required() },
	photo_invalid: { status: 422, message: () => m.error_photo_invalid() },
	photo_too_large: { status: 413, message: () => m.error_photo_too_large() },
	shop_threshold_not_met: { status: 409, message: () => m.error_shop_threshold_not_met() },
	shop_insufficient_points: { status: 409, message: () => m.error_shop_insufficient_points() },
	shop_out_of_stock: { status: 409, message: () => m.error_shop_out_of_stock() },
	shop_monthly_limit: { status: 409, message: () => m.error_shop_monthly_limit() },
	shop_item_inactive: { status: 409, message: () => m.error_shop_item_inactive() },
	order_not_open: { status: 409, message: () => m.error_order_not_open() },
	event_cancelled: { status: 409, message: () => m.error_event_cancelled() },
	event_signup_closed: { status: 409, message: () => m.error_event_signup_closed() },
	checkin_too_early: { status: 409, message: () => m.error_checkin_too_early() },
	checkin_too_late: { status: 409, message: () => m.error_checkin_too_late() },
	checkin_not_signed_up: { status: 409, message: () => m.error_checkin_not_signed_up() },
	checkin_other_village: { status: 403, message: () => m.error_checkin_other_village() },
	checkin_token_invalid: { status: 422, message: () => m.error_checkin_token_invalid() },
	checkin_token_expired: { status: 422, message: () => m.error_checkin_token_expired() },
	checkin_token_other_event: { status: 422, message: () => m.error_checkin_token_other_event() },
	member_card_invalid: { status: 422, message: () => m.error_member_card_invalid() },
	poll_closed: { status: 409, message: () => m.error_poll_closed() }
} as const satisfies Record<string, { status: number; message: () => string }>;

export type ErrorCode = keyof typeof ERRORS;

export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly status: number;
	/** Extra facts for the client, e.g. the per-field or per-row problems. */
	readonly details?: unknown;
	/** A message that overrides the generic one for the code (already translated). */
	private readonly custom?: string;

	constructor(code: ErrorCode, options: { message?: string; details?: unknown } = {}) {
		super(options.message ?? code);
		this.code = code;
		this.status = ERRORS[code].status;
		this.details = options.details;
		this.custom = options.message;
	}

	/** The user-facing text, in the current request's language. */
	userMessage(): string {
		return this.custom ?? ERRORS[this.code].message();
	}
}

export const notFound = () => new DomainError('not_found');
export const forbidden = () => new DomainError('forbidden');

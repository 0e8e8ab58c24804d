import { z } from 'zod';
import { zId, zOptionalText } from '$lib/server/http/fields';
import * as m from '$lib/paraglide/messages';

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;

/** A time without a zone ("2026-12-08T18:00", what a datetime-local input sends) is village time. */
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const zClosesAt = z
	.union([z.string(), z.date()], { error: () => m.polls_v_closes_at() })
	.transform((v, ctx) => {
		const date =
			v instanceof Date ? v : new Date(LOCAL_TIME.test(v.trim()) ? `${v.trim()}+08:00` : v.trim());
		if (Number.isNaN(date.getTime())) {
			ctx.addIssue({ code: 'custom', message: m.polls_v_closes_at() });
			return z.NEVER;
		}
		return date;
	});

/**
 * The options: a JSON array, or the form's textarea with one option per line. Blank lines are
 * dropped; the order given is the order shown.
 */
const zOptions = z.preprocess(
	(v) =>
		(typeof v === 'string' ? v.split(/\r?\n/) : Array.isArray(v) ? v : [])
			.map((s) => (typeof s === 'string' ? s.trim() : s))
			.filter((s) => s !== ''),
	z
		.array(
			z.string({ error: () => m.polls_v_option() }).max(40, { error: () => m.polls_v_option() })
		)
		.min(MIN_OPTIONS, { error: () => m.polls_v_options_count() })
		.max(MAX_OPTIONS, { error: () => m.polls_v_options_count() })
		.refine((xs) => new Set(xs).size === xs.length, { error: () => m.polls_v_options_unique() })
);

/** A poll as the committee opens it; `token` is the form's one-time token (a resent form opens one). */
export const ZOpenPoll = z.object({
	title: z
		.string({ error: () => m.polls_v_title() })
		.trim()
		.min(1, { error: () => m.polls_v_title() })
		.max(60, { error: () => m.polls_v_title() }),
	description: zOptionalText(500).transform((v) => v ?? ''),
	closesAt: zClosesAt,
	options: zOptions,
	token: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9_-]{8,64}$/)
		.optional()
});

export const ZVote = z.object({
	optionId: z.coerce
		.number({ error: () => m.polls_v_choose() })
		.int()
		.positive({
			error: () => m.polls_v_choose()
		})
});

export const ZPollId = z.object({ id: zId });

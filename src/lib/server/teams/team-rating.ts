/**
 * 五星团队: a team's stars from a published formula over the last 12 months. Each criterion
 * scores 0–5, one point for every threshold reached; stars = the average score, rounded.
 *   - hours per active member: 4, 8, 16, 24, 40 hours
 *   - regularity, months with at least one activity: 2, 4, 6, 9, 12 of 12
 *   - 巡访关爱 teams only, care coverage (share of the village's tagged elders this team visited
 *     on schedule): 20, 40, 60, 80, 95 %
 */
export const RATING_THRESHOLDS = {
	hoursPerMember: [4, 8, 16, 24, 40],
	activeMonths: [2, 4, 6, 9, 12],
	careCoverage: [20, 40, 60, 80, 95]
} as const;

export type RatingCriterion = keyof typeof RATING_THRESHOLDS;

export type RatingInput = {
	activeMembers: number;
	/** Confirmed half-hours of the last 12 months, corrections included. */
	halfHours: number;
	/** Of the last 12 months, those with at least one service record. */
	activeMonths: number;
	/** Only for 巡访关爱 teams: tagged elders of the village, and those this team keeps on schedule. */
	care: { elders: number; onSchedule: number } | null;
};

export type RatingScore = {
	criterion: RatingCriterion;
	/** Hours per member (one decimal), months, or whole per cent. */
	value: number;
	thresholds: readonly number[];
	score: number;
};

export type TeamRating = { scores: RatingScore[]; average: number; stars: number };

const scoreOf = (value: number, thresholds: readonly number[]) =>
	thresholds.filter((t) => value >= t).length;

export function rateTeam(input: RatingInput): TeamRating {
	const perMember =
		input.activeMembers === 0
			? 0
			: Math.round((input.halfHours * 10) / 2 / input.activeMembers) / 10;
	const values: [RatingCriterion, number][] = [
		['hoursPerMember', perMember],
		['activeMonths', input.activeMonths]
	];
	if (input.care) {
		const { elders, onSchedule } = input.care;
		values.push(['careCoverage', elders === 0 ? 0 : Math.round((onSchedule * 100) / elders)]);
	}
	const scores = values.map(([criterion, value]) => ({
		criterion,
		value,
		thresholds: RATING_THRESHOLDS[criterion],
		score: scoreOf(value, RATING_THRESHOLDS[criterion])
	}));
	const average = scores.reduce((n, s) => n + s.score, 0) / scores.length;
	return { scores, average: Math.round(average * 10) / 10, stars: Math.round(average) };
}

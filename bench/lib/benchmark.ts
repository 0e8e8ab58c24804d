import type { BenchResult } from './report';

export type BenchOptions = {
	/** A small run (e.g. 1/10 of the sizes) to check a benchmark works, not to quote figures. */
	quick: boolean;
	/** First port this benchmark may use for its servers (each benchmark gets its own range). */
	port: number;
};

/** One benchmark: bench/<name>.ts default-exports this; bench/run.ts runs them in order. */
export type Benchmark = {
	name: string;
	title: string;
	run(options: BenchOptions): Promise<BenchResult>;
};

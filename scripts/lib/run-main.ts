/**
 * Runs a command's main() and sets the exit code it returns; an unexpected error prints
 * `failure` with the stack and exits 1. exitCode rather than exit(): stdout still flushes when
 * piped.
 */
export function runMain(main: () => Promise<number>, failure: string): void {
	main().then(
		(code) => {
			process.exitCode = code;
		},
		(e) => {
			console.error(`${failure}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
			process.exitCode = 1;
		}
	);
}

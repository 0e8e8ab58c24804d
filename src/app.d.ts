import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';
import type { Viewer } from '$lib/server/auth/viewer';
import type { ActingFor } from '$lib/server/people/acting-for';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			viewer: Viewer | null;
			/** The member this user is currently acting for (代办), checked on every request. */
			actingFor: ActingFor | null;
			careMode: boolean;
		}
		interface Error {
			code?: string;
		}
	}
}

export {};

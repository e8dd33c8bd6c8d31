import type { Type } from '@nestjs/common';
import { SessionsModule } from './sessions/sessions.module';

/** The council-data modules served under /v1. */
export const DOMAIN_MODULES: Type[] = [SessionsModule];

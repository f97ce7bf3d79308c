// Every schema imports z from here. The mini-program runtime forbids `new Function`, which zod 4
// probes for its JIT unless told not to (colinhacks/zod#4461); this must run before any schema exists.
import { z } from 'zod';

z.config({ jitless: true });

export { z };

/**
 * The settings a user can put in `miair.config.{ts,js,json}`, in `MIAIR_*`
 * environment variables or on the command line, validated with zod.
 * Unknown keys are an error, never ignored.
 */
import { z } from 'zod';
import { MAX_THREADS, MAX_TIMER_DELAY_MS } from './limits.js';

const nonNegativeNumber = z.number().finite().min(0);
/** A delay that becomes a Node.js timer: longer ones would fire at once or throw. */
const timerDelayMs = z.number().int().max(MAX_TIMER_DELAY_MS);

/** Schema of a config file; every key optional, none unknown. */
export const configSchema = z.strictObject({
  profile: z.enum(['miair', 'devdocai']).optional(),
  strategy: z.enum(['quality', 'entropy', 'performance', 'adaptive']).optional(),
  provider: z.enum(['local', 'mock', 'openai', 'anthropic']).optional(),
  model: z.string().min(1).optional(),
  baseUrl: z.string().url().optional(),
  azureApiVersion: z.string().min(1).optional(),
  fallback: z.array(z.string().min(1)).optional(),
  pii: z.enum(['mask', 'block', 'off']).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxOutputTokens: z.number().int().min(1).optional(),
  maxRetries: z.number().int().min(0).optional(),
  requestTimeoutMs: timerDelayMs.min(1).optional(),
  requestsPerMinute: z.number().min(0).optional(),
  tokensPerMinute: z.number().min(0).optional(),
  breakerThreshold: z.number().int().min(1).optional(),
  prices: z
    .record(z.string().min(1), z.strictObject({ inputUsdPerMillionTokens: nonNegativeNumber, outputUsdPerMillionTokens: nonNegativeNumber }))
    .optional(),
  maxIterations: z.number().int().min(1).optional(),
  maxRejections: z.number().int().min(1).optional(),
  gate: z.number().min(0).max(100).optional(),
  failUnder: z.number().min(0).max(100).optional(),
  concurrency: z.number().int().min(1).optional(),
  minConcurrency: z.number().int().min(1).optional(),
  maxConcurrency: z.number().int().min(1).optional(),
  maxInFlight: z.number().int().min(1).optional(),
  threads: z.number().int().min(0).max(MAX_THREADS).optional(),
  threadHeapMb: z.number().int().min(0).optional(),
  drainTimeoutMs: timerDelayMs.min(0).optional(),
  cache: z.boolean().optional(),
  cacheDir: z.string().min(1).optional(),
  cacheWarm: z.string().min(1).optional(),
  maxBytes: z.number().int().min(1).optional(),
  include: z.array(z.string().min(1)).optional(),
  exclude: z.array(z.string().min(1)).optional(),
  timeoutMs: timerDelayMs.min(0).optional(),
  budgetUsd: nonNegativeNumber.optional(),
  sectionThresholdChars: z.number().int().min(1).optional(),
  maxSections: z.number().int().min(1).optional(),
  mockLatencyMs: timerDelayMs.min(0).optional(),
  mockFailureRate: z.number().min(0).max(1).optional(),
  mockEdit: z.enum(['rules', 'fast']).optional(),
});

/** Settings as written in a config file or the environment (all optional). */
export type MiairConfig = z.infer<typeof configSchema>;

/** Every key a config file may hold. */
export const CONFIG_KEYS = Object.keys(configSchema.shape) as (keyof MiairConfig)[];

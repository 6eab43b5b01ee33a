/**
 * The hash of every setting that changes a refinement's result, so a journal
 * written under other settings is never reused.
 */
import { hashSettings } from '../cache/hash-settings.js';
import { MIAIR_VERSION } from '../version.js';
import type { LanguageModel } from '../providers/spec.js';
import type { CliSettings } from './resolve-settings.js';

/** Hashes the settings of a run that decide its results (never keys or paths). */
export function runSettingsHash(settings: CliSettings, model: LanguageModel): string {
  return hashSettings({
    miairVersion: MIAIR_VERSION,
    provider: model.provider,
    modelId: model.modelId,
    profile: settings.profile,
    strategy: settings.strategy,
    gate: settings.gate,
    maxIterations: settings.maxIterations,
    maxRejections: settings.maxRejections,
    sectionThresholdChars: settings.sectionThresholdChars,
    temperature: settings.temperature,
    maxOutputTokens: settings.maxOutputTokens,
    pii: settings.pii,
    fallback: settings.fallback.join(','),
  });
}

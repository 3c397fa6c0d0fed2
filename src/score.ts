import {
  CRITERIA,
  type CompliantSite,
  type Coverage,
  type Criterion,
  type CriterionResult,
  type Diagnostic,
  type Finding,
  type Level,
  type ScanResult,
} from './model.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './package-info.js';
import { compareDiagnostics, compareLocations } from './report/order.js';

/** The score the release gate requires unless `--min-score` or the configuration says otherwise. */
export const DEFAULT_MIN_SCORE = 80;

/** The requirement's minimum: a project below it is failing, whatever the gate is set to. */
export const ACCEPTABLE_SCORE = 80;

export const TARGET_SCORE = 100;

export type CriterionWeights = Readonly<Record<Criterion, number>>;

export const EQUAL_WEIGHTS: CriterionWeights = { sessions: 1, cache: 1, files: 1, jobs: 1, state: 1 };

/**
 * Truncates a score to one decimal. Truncating, not rounding, keeps the printed score equal to
 * the score the gate compares: 79.96 becomes 79.9 and fails a minimum of 80, as it shows.
 */
export function truncateScore(score: number): number {
  // NOTE: the epsilon absorbs binary error such as 57 computed as 56.99999999999999; it is far
  // below the 0.1 step, so it never lifts a genuinely lower score into the next tenth.
  return Math.floor(score * 10 + 1e-9) / 10;
}

/** Counts only findings that count against the score: severity error or warning, not info. */
export function countsAgainstScore(finding: Finding): boolean {
  return finding.severity !== 'info';
}

/** Returns the exact share of compliant sites, 0 to 100, or `null` when a criterion has no site. */
function exactCriterionScore(compliantSites: number, violations: number): number | null {
  const sites = compliantSites + violations;
  return sites === 0 ? null : (100 * compliantSites) / sites;
}

/**
 * Scores each criterion: compliant sites / (compliant sites + findings of severity error or
 * warning) × 100, truncated to one decimal. A criterion with no site is not applicable.
 */
export function scoreCriteria(
  findings: readonly Finding[],
  compliantSites: readonly CompliantSite[],
  weights: CriterionWeights = EQUAL_WEIGHTS,
): CriterionResult[] {
  return CRITERIA.map((criterion) => {
    const compliant = compliantSites.filter((site) => site.criterion === criterion).length;
    const violations = findings.filter((finding) => finding.criterion === criterion && countsAgainstScore(finding)).length;
    const score = exactCriterionScore(compliant, violations);
    return {
      criterion,
      applicable: score !== null,
      score: score === null ? null : truncateScore(score),
      compliantSites: compliant,
      violations,
      weight: weights[criterion],
    };
  });
}

/**
 * Returns the weighted mean of the applicable criteria's scores, truncated to one decimal; 100
 * when no criterion applies. The mean is taken over the exact criterion scores, recomputed from
 * the counts, so truncating each criterion first does not pull the overall score down twice.
 */
export function overallScore(criteria: readonly CriterionResult[]): number {
  let weightedSum = 0;
  let totalWeight = 0;
  for (const result of criteria) {
    const score = exactCriterionScore(result.compliantSites, result.violations);
    if (score === null) continue;
    weightedSum += result.weight * score;
    totalWeight += result.weight;
  }
  return totalWeight === 0 ? TARGET_SCORE : truncateScore(weightedSum / totalWeight);
}

/**
 * Places a score on the requirement's scale: below 80 failing, from 80 acceptable, 100 target.
 * Optimal is the target plus auto-scaling configured for the web workers, a deployment fact the
 * caller supplies.
 */
export function levelFor(score: number, autoScalingConfigured = false): Level {
  if (score < ACCEPTABLE_SCORE) return 'failing';
  if (score < TARGET_SCORE) return 'acceptable';
  return autoScalingConfigured ? 'optimal' : 'target';
}

export interface ScoringOptions {
  weights?: CriterionWeights;
  minScore?: number;
  /** Whether the deployment scales the web workers automatically; only then can a project be optimal. */
  autoScalingConfigured?: boolean;
}

/** What a scan collected before scoring. */
export interface ScanFacts {
  findings: readonly Finding[];
  compliantSites: readonly CompliantSite[];
  diagnostics: readonly Diagnostic[];
  coverage: Coverage;
}

/**
 * Scores what a scan collected and builds the ScanResult every reporter reads, with findings,
 * sites and diagnostics in their stable order.
 */
export function buildScanResult(facts: ScanFacts, options: ScoringOptions = {}): ScanResult {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const criteria = scoreCriteria(facts.findings, facts.compliantSites, options.weights ?? EQUAL_WEIGHTS);
  const score = overallScore(criteria);
  const trustworthy = !facts.diagnostics.some((diagnostic) => diagnostic.severity === 'error');

  return {
    tool: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
    score,
    level: levelFor(score, options.autoScalingConfigured),
    minScore,
    passed: trustworthy && score >= minScore,
    criteria,
    findings: [...facts.findings].sort(compareLocations),
    compliantSites: [...facts.compliantSites].sort(compareLocations),
    diagnostics: [...facts.diagnostics].sort(compareDiagnostics),
    coverage: facts.coverage,
  };
}

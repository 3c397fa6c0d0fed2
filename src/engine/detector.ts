import type ts from 'typescript';
import type { Category, Severity } from '../model.js';
import type { FileContext } from './file-context.js';

/** A place that explains a detection, such as where module state is changed. */
export interface RelatedNode {
  node: ts.Node;
  message: string;
}

export interface Detection<MessageIds extends string> {
  node: ts.Node;
  messageId: MessageIds;
  data?: Record<string, string>;
  category: Category;
  severity: Severity;
  related?: readonly RelatedNode[];
  /** Edits a user may choose to apply, offered as ESLint suggestions. Only edits that keep what the code does on a single worker. */
  suggestions?: readonly DetectionSuggestion<MessageIds>[];
}

/** One suggested fix: an imperative message and the text replacements that make it. */
export interface DetectionSuggestion<MessageIds extends string> {
  messageId: MessageIds;
  data?: Record<string, string>;
  edits: readonly TextEdit[];
}

/** Replaces the text between two offsets of the parsed file. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface CompliantDetection {
  node: ts.Node;
  category: Category;
  backing: string;
}

/** Receives what a detection finds in one file. */
export interface DetectionSink<MessageIds extends string> {
  report(detection: Detection<MessageIds>): void;
  compliant(site: CompliantDetection): void;
}

/**
 * One detection: the single implementation behind both an ESLint rule and the CLI. The rule of
 * the same id takes its messages and description from here.
 */
export interface Detector<MessageIds extends string = string> {
  /** The rule id without the `statelint/` prefix. */
  readonly id: string;
  /** Starts with Disallow, Require or Enforce, as ESLint rule descriptions do. */
  readonly description: string;
  readonly categories: readonly Category[];
  /** Messages with `{{placeholders}}`: what is wrong, why it breaks a stateless worker, what to do. */
  readonly messages: Readonly<Record<MessageIds, string>>;
  detect(file: FileContext, sink: DetectionSink<MessageIds>): void;
}

/** Fills `{{name}}` placeholders the way ESLint does, leaving unknown ones as they are. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(data, name) ? String(data[name]) : whole,
  );
}

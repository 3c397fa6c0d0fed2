import type ts from 'typescript';
import type { Location, Position } from '../model.js';

/** Converts a character offset to a 1-based line and column. */
export function positionAt(sourceFile: ts.SourceFile, offset: number): Position {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, column: character + 1 };
}

/** The location of a node's text, without leading trivia such as comments. */
export function locationOf(sourceFile: ts.SourceFile, node: ts.Node, file: string): Location {
  return {
    file,
    start: positionAt(sourceFile, node.getStart(sourceFile)),
    end: positionAt(sourceFile, node.getEnd()),
  };
}

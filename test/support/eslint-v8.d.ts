// ESLint 8 ships no type declarations; the tests use the parts whose shapes ESLint 10 kept.
declare module 'eslint-v8' {
  export { ESLint, Linter } from 'eslint';
}

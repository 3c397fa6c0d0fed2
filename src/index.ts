import { plugin } from './plugin.js';

export { plugin };
export { rules } from '../rules/index.js';
export { detectors } from './detections/index.js';
export type * from './model.js';
export default plugin;
// `require('eslint-plugin-statelint')` on Node 20.19+ returns this export, which is what eslintrc
// loading on ESLint 8.57 and 9 expects of a plugin package.
export { plugin as 'module.exports' };

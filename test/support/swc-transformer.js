/**
 * @swc/jest, plus one step for the ESM-only packages (NestJS 12 ships ESM only): Jest on Node 20 cannot
 * require() ESM, so those files are compiled to CommonJS like our own, with `import.meta.url` (used with
 * createRequire) replaced by this file's URL, its CommonJS equivalent.
 */
const { createTransformer } = require('@swc/jest');

const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
// `const require = createRequire(import.meta.url)` would shadow CommonJS's own require (and trip the TDZ).
const OWN_REQUIRE = /^\s*const require = createRequire\(import\.meta\.url\);\s*$/m;

module.exports = {
  createTransformer(options) {
    const swc = createTransformer(options);
    const adapt = (source, path) =>
      path.includes('/node_modules/')
        ? source
            .replace(OWN_REQUIRE, '')
            .replace(IMPORT_META_URL, "require('node:url').pathToFileURL(__filename).href")
        : source;
    return {
      ...swc,
      process: (source, path, transformOptions) => swc.process(adapt(source, path), path, transformOptions),
      processAsync: (source, path, transformOptions) =>
        swc.processAsync(adapt(source, path), path, transformOptions),
      getCacheKey: (source, path, transformOptions) =>
        swc.getCacheKey(adapt(source, path), path, transformOptions),
    };
  },
};

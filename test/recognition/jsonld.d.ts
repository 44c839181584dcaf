/** The part of jsonld (no type declarations of its own for v9) that the independent verifier uses. */
declare module 'jsonld' {
  interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    format: 'application/n-quads';
    documentLoader: (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: object }>;
    safe?: boolean;
  }
  const jsonld: { canonize(input: object, options: CanonizeOptions): Promise<string> };
  export default jsonld;
}

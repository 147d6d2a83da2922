// node-forge's per-module entry points carry no types of their own; forge.ts casts the shared object to the
// package's published types.
declare module 'node-forge/lib/forge' {
  const forge: unknown;
  export default forge;
}
declare module 'node-forge/lib/*';

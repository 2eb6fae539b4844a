// The build's virtual modules, typed once (integrations/build-context.ts serves them).
declare module 'virtual:blog/build-context' {
  const context: import('./lib/build/build-context.ts').BuildContext;
  export default context;
}

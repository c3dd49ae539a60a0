// Types `exports.default` from "cloudflare:workers" in the workerd tests as this Worker's entry.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index');
  }
}

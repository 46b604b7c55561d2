/**
 * Whether WebGL runs on a real GPU. A software rasterizer (SwiftShader, llvmpipe: headless browsers,
 * VMs, disabled GPUs) draws the terminal slower than xterm's DOM renderer, so it does not count.
 */
export function hasHardwareWebgl(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !/swiftshader|llvmpipe|softpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}

let cached: boolean | undefined;

export function webglWorthIt(): boolean {
  return (cached ??= hasHardwareWebgl());
}

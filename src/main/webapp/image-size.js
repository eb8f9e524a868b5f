// The box a message's image takes before it loads (PROTOCOL.md, `imageWidth`/`imageHeight`):
// its size in pixels scaled down, aspect kept, to fit the largest the page shows. Pure.

export const MAX_IMAGE_WIDTH = 352; // 22rem, as .message img in style.css
export const MAX_IMAGE_HEIGHT = 256; // 16rem

/** {width, height} to draw an image of `width` x `height` pixels at, or null when unknown. */
export function imageBox(width, height, maxWidth = MAX_IMAGE_WIDTH, maxHeight = MAX_IMAGE_HEIGHT) {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    return null;
  }
  const scale = Math.min(1, maxWidth / width, maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

// The wall's design unit in JS, matching --px in styles/theme.css: 1 on 1920×1080,
// 2 on 3840×2160 and on 7680×2160 (limited by height, like the panels).
export function uiScale(): number {
  return Math.min(4, Math.max(0.6, Math.min(window.innerWidth / 1920, window.innerHeight / 1080)));
}

// Key indices of io.KeysDown[] as the GLFW backend fills them (GLFW_KEY_*), so
// the App and the tests need not include GLFW.
#pragma once

namespace poollab::gui::keys {
inline constexpr int Space = 32;
inline constexpr int Minus = 45;
inline constexpr int Digit0 = 48;
inline constexpr int Equal = 61;
inline constexpr int N = 78;
inline constexpr int R = 82;
inline constexpr int Escape = 256;
inline constexpr int Right = 262;
inline constexpr int Left = 263;
inline constexpr int F1 = 290;
inline constexpr int F11 = 300;
inline constexpr int KpSubtract = 333;
inline constexpr int KpAdd = 334;
}  // namespace poollab::gui::keys

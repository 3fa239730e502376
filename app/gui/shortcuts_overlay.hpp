// F1: a window listing every keyboard shortcut.
//
//   ShortcutsOverlay overlay;
//   overlay.draw(app);   // shows only while app.show_shortcuts
#pragma once

namespace poollab::gui {

class App;

struct Shortcut {
  const char* keys;
  const char* action;
};
// Every shortcut the window understands, in the order the overlay lists them.
const Shortcut* shortcuts(int& count);

class ShortcutsOverlay {
 public:
  void draw(App& app);
};

}  // namespace poollab::gui

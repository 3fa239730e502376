// Under Xvfb, `poollab screenshot <id> --steps all` writes a picture of every
// lesson that is not blank (many distinct colours) and differs from the others.
// Skipped when xvfb-run or the poollab binary is missing, and under sanitizers.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <stb_image.h>
#include <unistd.h>

#include "gui/probe.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {
bool on_path(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}
}  // namespace

TEST_CASE("a screenshot of every lesson is not blank and differs from the others" * doctest::timeout(1200)) {
  if (poollab::test::under_sanitizer()) {
    MESSAGE("skipped under a sanitizer");
    return;
  }
  if (!on_path("xvfb-run")) {
    MESSAGE("skipped: xvfb-run is not installed");
    return;
  }
  fs::path binary = fs::path(POOLLAB_BINARY_DIR) / "poollab";
  if (!fs::exists(binary)) {
    MESSAGE("skipped: " << binary << " is not built");
    return;
  }
  fs::path lessons = fs::path(poollab::test::source_dir()) / "assets" / "lessons";
  fs::path out = fs::temp_directory_path() / ("poollab-shots-" + std::to_string(::getpid()));
  fs::create_directories(out);
  std::set<std::size_t> hashes;
  int shots = 0;
  for (const auto& entry : fs::directory_iterator(lessons)) {
    if (!fs::exists(entry.path() / "lesson.toml")) continue;
    std::string id = entry.path().filename().string();
    fs::path png = out / (id + ".png");
    std::string cmd = "xvfb-run -a -s '-screen 0 1600x1000x24' '" + binary.string() + "' screenshot " + id +
                      " --steps all --size 1280x800 -o '" + png.string() + "' >/dev/null 2>&1";
    INFO("lesson " << id);
    CHECK(std::system(cmd.c_str()) == 0);
    int w = 0, h = 0, n = 0;
    unsigned char* pixels = stbi_load(png.string().c_str(), &w, &h, &n, 4);
    REQUIRE(pixels != nullptr);
    CHECK(w == 1280);
    CHECK(h == 800);
    std::set<std::uint32_t> colours;
    std::size_t hash = 0;
    for (int i = 0; i < w * h; ++i) {
      std::uint32_t c = pixels[4 * i] | (pixels[4 * i + 1] << 8) | (pixels[4 * i + 2] << 16);
      if (colours.size() < 100000) colours.insert(c);
      hash = hash * 1000003u ^ c;
    }
    stbi_image_free(pixels);
    CHECK(colours.size() > 64);
    CHECK(hashes.insert(hash).second);
    ++shots;
  }
  CHECK(shots > 0);
  std::error_code ec;
  fs::remove_all(out, ec);
}

// golite's public API: compile, inspect, start and run programs.
#include "poollab/golite/golite.hpp"

#include "back/interp.hpp"
#include "poollab/golite/front_end.hpp"

namespace poollab::golite {

std::string Diagnostic::str() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + message;
}

namespace {

std::string const_text(const ConstValue& cv, const Type* t) {
  if (t && t->kind == Kind::Named && t->pkg == "time" && t->name == "Duration" && cv.kind == ConstValue::Kind::Int)
    return fmt::duration_string(static_cast<int64_t>(cv.i));
  switch (cv.kind) {
    case ConstValue::Kind::Bool: return cv.b ? "true" : "false";
    case ConstValue::Kind::Int: return const_int_string(cv.i);
    case ConstValue::Kind::Float: {
      Value v = Value::of_float(universe().float64_type, cv.f);
      return fmt::format_v(v, nullptr);
    }
    case ConstValue::Kind::String: return cv.s;
  }
  return {};
}

}  // namespace

CompileResult compile(std::string_view source, std::string filename) {
  CompileResult result;
  auto checked = parse_and_check(source, filename, result.errors);
  if (!checked || !result.errors.empty()) return result;
  mark_address_taken(*checked);
  auto program = std::make_shared<Program>();
  program->filename = filename;
  for (Decl* d : checked->file->decls) {
    if (d->kind != NodeKind::GenDecl) continue;
    auto* g = static_cast<GenDecl*>(d);
    if (g->tok != DeclTok::Const) continue;
    for (const ValueSpec& spec : g->values) {
      for (const Ident* name : spec.names) {
        if (!name || name->name == "_") continue;
        ConstantInfo info;
        info.name = name->name;
        info.line = name->pos.line;
        if (name->cv) info.value = const_text(*name->cv, name->type);
        program->constants.push_back(std::move(info));
      }
    }
  }
  for (const FuncDecl* f : checked->funcs) {
    FunctionInfo info;
    info.name = f->name ? f->name->name : "";
    if (f->recv_named) info.name = f->recv_named->name + "." + info.name;
    info.first_line = f->pos.line;
    info.last_line = f->last_line;
    program->functions.push_back(std::move(info));
  }
  program->checked = std::move(checked);
  result.program = std::move(program);
  return result;
}

std::vector<ConstantInfo> constants(const Program& program) { return program.constants; }
std::vector<FunctionInfo> functions(const Program& program) { return program.functions; }

void start(const Program& program, rt::Runtime& runtime, RunOptions options) {
  auto interp = std::make_shared<Interp>(program, std::move(options));
  const rt::Config& cfg = runtime.config();
  size_t margin = std::min<size_t>(cfg.stack_bytes / 4, 512u << 10);
  interp->stack_limit = cfg.stack_bytes > margin ? cfg.stack_bytes - margin : cfg.stack_bytes / 2;
#if defined(POOLLAB_TSAN) || defined(POOLLAB_ASAN)
  // Sanitizers keep their own bounded per-thread call stacks; stay well inside them.
  interp->stack_limit = std::min<size_t>(interp->stack_limit, 4u << 20);
#endif
  interp->rng.seed(cfg.seed);
  interp->map_rng.seed(cfg.seed ^ 0x6d61705f72616e67ull);
  interp->ctx_canceled = Value::of_obj(native_types().error_string, new ErrObj(rt::kContextCanceled));
  interp->ctx_deadline = Value::of_obj(native_types().error_string, new ErrObj(rt::kDeadlineExceeded));
  runtime.start("main.main", [interp] {
    Machine machine(interp);
    machine.run_main();
  });
}

RunResult run(std::string_view source, const std::string& filename, const rt::Config& config) {
  RunResult result;
  CompileResult compiled = compile(source, filename);
  if (!compiled.ok()) {
    result.compile_errors = compiled.errors;
    for (const Diagnostic& d : compiled.errors) result.stderr_text += d.str() + "\n";
    result.exit_code = 1;
    return result;
  }
  rt::Config cfg = config;
  // Deep (legitimate) recursion needs room; the pages are only touched on demand.
  if (cfg.stack_bytes < (64u << 20)) cfg.stack_bytes = 64u << 20;
  if (cfg.source_file.empty() || cfg.source_file == "main.go") cfg.source_file = filename;
  std::mutex mu;
  RunOptions options;
  options.stdout_sink = [&](std::string_view s) {
    std::lock_guard lk(mu);
    result.stdout_text += s;
  };
  options.stderr_sink = [&](std::string_view s) {
    std::lock_guard lk(mu);
    result.stderr_text += s;
  };
  {
    rt::Runtime runtime(cfg);
    start(*compiled.program, runtime, options);
    result.outcome = runtime.wait();
  }
  result.stderr_text += result.outcome.text;
  result.exit_code = result.outcome.exit_code;
  if (result.outcome.kind == rt::OutcomeKind::Aborted && result.exit_code == 0) result.exit_code = 2;
  return result;
}

}  // namespace poollab::golite

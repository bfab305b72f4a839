// NativeDecision: generate, compile (or find in the cache), load and bind a decision's module.
#include "tiaoli/native.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

#include "codegen/cpp_writer.hpp"
#include "native/compiler.hpp"
#include "native/module_cache.hpp"
#include "native/module_source.hpp"

namespace fs = std::filesystem;

namespace tiaoli {
namespace {

const generated::NativeHost kHost{
    .completed_years = &generated::completed_years,
    .empty_list = &generated::empty_list,
    .date_part = &generated::date_part,
    .shift_days = &generated::shift_days_within_range,
    .enum_output = &generated::enum_output,
};

// Modules stay loaded for the life of the program: generated code keeps per-thread caches, and
// a decision's code may be running in another thread. Loading one path twice binds it once.
struct LoadedModules {
  std::mutex mutex;
  std::map<std::string, generated::NativeModule> by_path;
};
LoadedModules& loaded_modules() {
  static LoadedModules* modules = new LoadedModules;  // never destroyed: see above
  return *modules;
}

Result<generated::NativeModule> load_module(const std::string& path) {
  LoadedModules& modules = loaded_modules();
  std::lock_guard lock(modules.mutex);
  if (auto found = modules.by_path.find(path); found != modules.by_path.end()) {
    return found->second;
  }
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return Error{"cannot load the native module " + path + ": " + dlerror(), "", {}};
  }
  auto entry = reinterpret_cast<generated::NativeEntry>(dlsym(handle, detail::kNativeEntryName));
  generated::NativeModule module;
  if (entry == nullptr || !entry(kHost, module)) {
    dlclose(handle);
    return Error{"the native module " + path +
                     " was compiled against other tiaoli headers than this program's; delete it "
                     "or point NativeOptions::include_dir at this program's headers",
                 "",
                 {}};
  }
  modules.by_path.emplace(path, module);
  return module;
}

// A name no other thread or process writing into the cache uses.
std::string unique_suffix() {
  static std::atomic<unsigned> counter{0};
  return "." + std::to_string(getpid()) + "." + std::to_string(counter++);
}

Status write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Error{"cannot write " + path, "", {}};
  return {};
}

// Compiles `source` into `library` (written under another name, then renamed: another process
// finds either no module or a whole one).
Status compile_module(const std::string& source, const std::string& library,
                      const std::string& compiler, const std::string& include_dir,
                      const NativeOptions& options) {
  std::string stem = library.substr(0, library.size() - 3) + unique_suffix();
  std::string source_path = stem + ".cpp";
  std::string building = stem + ".so";
  std::string log = stem + ".log";
  if (Status written = write_file(source_path, source); !written.ok()) return written;
  std::vector<std::string> argv = {compiler,  "-std=c++20",          "-fPIC",
                                   "-shared", "-fvisibility=hidden", "-DNDEBUG"};
  argv.insert(argv.end(), options.flags.begin(), options.flags.end());
  argv.insert(argv.end(), {"-I", include_dir, "-o", building, source_path});
  Status compiled = detail::run_program(argv, log, options.timeout_seconds);
  std::error_code ignored;
  fs::remove(log, ignored);
  if (!compiled.ok()) {
    fs::remove(building, ignored);
    return Error{
        compiled.error().message + "\n(the source is kept in " + source_path + ")", "", {}};
  }
  fs::remove(source_path, ignored);
  std::error_code renamed;
  fs::rename(building, library, renamed);
  if (renamed) {
    fs::remove(building, ignored);
    return Error{"cannot store the native module " + library + ": " + renamed.message(), "", {}};
  }
  return {};
}

}  // namespace

Result<NativeDecision> NativeDecision::compile(const RuleSet& rules, std::string_view decision,
                                               const NativeOptions& options) {
  Result<PreparedDecision> engine = rules.prepare(decision);
  if (!engine.ok()) return engine.error();
  std::string id(decision);
  Result<std::string> source = detail::native_module_source(rules.model(), id);
  if (!source.ok()) {  // codegen's reason, "<id>: <reason>\n"
    std::string reason = source.error().message;
    if (reason.rfind(id + ": ", 0) == 0) reason.erase(0, id.size() + 2);
    while (!reason.empty() && reason.back() == '\n') reason.pop_back();
    return Error{"decision " + id + " cannot be compiled natively: it " + reason, "", {}};
  }
  Result<std::string> include_dir = detail::native_include_dir(options.include_dir);
  if (!include_dir.ok()) return include_dir.error();
  Result<std::string> cache_dir = detail::native_cache_dir(options.cache_dir);
  if (!cache_dir.ok()) return cache_dir.error();
  std::string compiler = detail::native_compiler(options.compiler);

  std::vector<std::string> key_parts = {source.value(), compiler, include_dir.value()};
  key_parts.insert(key_parts.end(), options.flags.begin(), options.flags.end());
  std::string library = (fs::path(cache_dir.value()) /
                         (detail::cpp_identifier(id) + "-" +
                          detail::native_module_key(key_parts, include_dir.value()) + ".so"))
                            .string();
  std::error_code ignored;
  bool from_cache = fs::exists(library, ignored);
  Result<generated::NativeModule> module = Error{};
  if (from_cache) {
    module = load_module(library);
    if (!module.ok()) {  // damaged, or not a module: made again below
      fs::remove(library, ignored);
      from_cache = false;
    }
  }
  if (!from_cache) {
    Status compiled =
        compile_module(source.value(), library, compiler, include_dir.value(), options);
    if (!compiled.ok()) return compiled.error();
    module = load_module(library);
    if (!module.ok()) return module.error();
  }
  if (std::strcmp(module.value().decision, id.c_str()) != 0 ||
      module.value().content_hash != rules.content_hash()) {
    return Error{"the native module " + library + " decides another decision or rule set", "", {}};
  }
  GeneratedDecision code(std::move(engine.value()), module.value().content_hash,
                         module.value().function);
  return NativeDecision(std::move(code), library, from_cache);
}

}  // namespace tiaoli

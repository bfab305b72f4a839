// The `calendar` section: a working-day calendar as data.
#include "common/date_convert.hpp"
#include "load/loaders.hpp"

namespace tiaoli::detail {
namespace {

std::vector<time::CalendarDay> read_days(const YamlFile& file, const YAML::Node& node,
                                         std::string_view what) {
  std::vector<time::CalendarDay> days;
  if (!node) return days;
  if (!node.IsSequence()) {
    file.error(node, std::string(what) + " should be a list of {date, name} entries");
    return days;
  }
  for (const YAML::Node& entry : node) {
    if (!file.check_map(entry, std::string("an entry of ") + std::string(what), {"date", "name"},
                        {"date", "name"}))
      continue;
    auto date = file.date(entry["date"], "date");
    auto name = file.text(entry["name"], "name");
    if (date && name) days.push_back(time::CalendarDay{to_boost(*date), *name});
  }
  return days;
}

std::vector<int> read_ints(const YamlFile& file, const YAML::Node& node, std::string_view what) {
  std::vector<int> values;
  if (!node.IsSequence()) {
    file.error(node, std::string(what) + " should be a list of numbers");
    return values;
  }
  for (const YAML::Node& item : node) {
    try {
      values.push_back(item.as<int>());
    } catch (const YAML::Exception&) {
      file.error(item, std::string(what) + ": '" + item.Scalar() + "' is not a whole number");
    }
  }
  return values;
}

// The holiday or makeup-day entry whose date the message names, so the caret points at it.
YAML::Node entry_named_in(const YAML::Node& calendar, const std::string& message) {
  for (const char* list : {"holidays", "makeup_workdays"}) {
    const YAML::Node entries = calendar[list];
    if (!entries || !entries.IsSequence()) continue;
    for (const YAML::Node& entry : entries) {
      if (entry.IsMap() && entry["date"] && entry["date"].IsScalar() &&
          message.find(entry["date"].Scalar()) != std::string::npos) {
        return entry["date"];
      }
    }
  }
  return calendar["id"] ? calendar["id"] : calendar;
}

}  // namespace

void load_calendar(const Section& section, std::string_view wanted_id, RuleSetModel& model,
                   bool& found) {
  const YamlFile& file = section.file;
  const YAML::Node& node = section.node;
  if (!file.check_map(node, "calendar",
                      {"id", "name", "years", "weekend", "sources", "holidays", "makeup_workdays"},
                      {"id", "years", "weekend"})) {
    return;
  }
  time::CalendarData data;
  data.id = file.text(node["id"], "calendar id").value_or("");
  if (node["name"]) data.name = file.text(node["name"], "calendar name").value_or("");
  data.years = read_ints(file, node["years"], "years");
  data.weekend = read_ints(file, node["weekend"], "weekend");
  if (node["sources"])
    data.sources = file.text_list(node["sources"], "sources").value_or(std::vector<std::string>{});
  data.holidays = read_days(file, node["holidays"], "holidays");
  data.makeup_workdays = read_days(file, node["makeup_workdays"], "makeup_workdays");
  for (const time::CalendarError& problem : time::Calendar::validate(data)) {
    file.error(entry_named_in(node, problem.message), problem.message);
  }
  if (data.id != wanted_id) return;  // another calendar: checked, not used
  if (found && model.calendar) {
    file.error(node["id"], "a second calendar with id '" + data.id + "'");
    return;
  }
  found = true;
  auto built = time::Calendar::build(std::move(data));
  if (auto* calendar = std::get_if<time::Calendar>(&built)) model.calendar = std::move(*calendar);
}

}  // namespace tiaoli::detail

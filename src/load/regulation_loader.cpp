// The regulation file: chapters → sections → items, each with the id rules cite.
#include "load/loaders.hpp"

namespace tiaoli::detail {

void load_regulation(const YamlFile& file, const YAML::Node& root, RuleSetModel& model) {
  if (!file.check_map(root, "the regulation file", {"title", "chapters"}, {"chapters"})) return;
  const YAML::Node chapters = root["chapters"];
  if (!chapters.IsSequence()) {
    file.error(chapters, "chapters should be a list");
    return;
  }
  auto add = [&](const YAML::Node& node, ProvisionInfo info) {
    if (model.provisions.count(info.id)) {
      file.error(node, "provision id '" + info.id + "' appears twice in the regulation");
      return;
    }
    model.provisions.emplace(info.id, std::move(info));
  };
  for (const YAML::Node& chapter : chapters) {
    if (!file.check_map(chapter, "a chapter", {"id", "label", "title", "sections"},
                        {"id", "sections"}))
      continue;
    std::string chapter_label =
        chapter["label"] ? chapter["label"].Scalar() : chapter["id"].Scalar();
    for (const YAML::Node& section : chapter["sections"]) {
      if (!file.check_map(section, "a section", {"id", "label", "title", "items"}, {"id", "items"}))
        continue;
      ProvisionInfo section_info;
      section_info.id = section["id"].Scalar();
      section_info.chapter = chapter_label;
      section_info.section = section["label"] ? section["label"].Scalar() : section_info.id;
      std::vector<ProvisionInfo> items;
      for (const YAML::Node& item : section["items"]) {
        if (!file.check_map(item, "an item", {"id", "text"}, {"id", "text"})) continue;
        ProvisionInfo info{
            item["id"].Scalar(), item["text"].Scalar(), chapter_label, section_info.section, {}};
        model.provision_order.push_back(info.id);
        section_info.items.push_back(info.id);
        if (info.id == section_info.id) section_info.text = info.text;
        if (info.id != section_info.id) add(item, std::move(info));
      }
      if (section_info.text.empty()) {
        for (const std::string& id : section_info.items)
          section_info.text += (section_info.text.empty() ? "" : " ") + model.provisions[id].text;
      }
      add(section, std::move(section_info));
    }
  }
  if (model.provision_order.empty()) file.error(root, "the regulation has no provisions");
}

}  // namespace tiaoli::detail

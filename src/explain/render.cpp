// Justifications: built from a decision's trace on request, rendered as text or JSON.
#include "explain/render.hpp"

#include "explain/json_writer.hpp"

#include "eval/decide.hpp"
#include "eval/trace.hpp"
#include "tiaoli/decision.hpp"
#include "tiaoli/ruleset.hpp"

namespace tiaoli {

namespace detail {

Json value_to_json(const Value& value) {
  std::string text;
  JsonWriter(text).value(value);
  return Json::parse(text);
}

void write_ruleset(JsonWriter& json, const RuleSet& ruleset) {
  json.key("ruleset");
  json.begin_object();
  json.key("name");
  json.string(ruleset.name());
  json.key("version");
  json.string(ruleset.version());
  json.key("content_hash");
  json.string(ruleset.content_hash());
  json.end_object();
}

namespace {

std::string render_template(const MessageTemplate& message, const std::vector<Value>& values) {
  std::string text;
  for (const MessageTemplate::Part& part : message.parts) {
    if (part.expr < 0) {
      text += part.literal;
    } else {
      const Value& v = values[static_cast<std::size_t>(part.expr)];
      text += v.is_null() ? "—" : v.to_string();
    }
  }
  return text;
}

bool is_decisive(const DecisionDef& def, const DecisionTrace& trace, const RuleTrace& rule) {
  if (def.hit != HitPolicy::kAll) return rule.status == RuleStatus::kApplied;
  bool any_failed = std::any_of(trace.rules.begin(), trace.rules.end(),
                                [](const RuleTrace& r) { return r.status == RuleStatus::kFailed; });
  return any_failed ? rule.status == RuleStatus::kFailed : rule.status == RuleStatus::kHeld;
}

const char* status_text(RuleStatus status, Lang lang) {
  bool zh = lang == Lang::kZh;
  switch (status) {
    case RuleStatus::kHeld:
      return zh ? "满足" : "met";
    case RuleStatus::kFailed:
      return zh ? "不满足" : "not met";
    case RuleStatus::kApplied:
      return zh ? "适用" : "applies";
    case RuleStatus::kNotApplied:
      return zh ? "不适用" : "does not apply";
    case RuleStatus::kOverridden:
      return zh ? "被例外规则排除" : "overridden by an exception";
    case RuleStatus::kNotReached:
      return zh ? "未考虑（已由前一条规则决定）" : "not considered (an earlier rule decided)";
    case RuleStatus::kNotInForce:
      return zh ? "在该日期不生效" : "not in force on this date";
  }
  return "";
}

}  // namespace
}  // namespace detail

std::vector<RuleExplanation> Decision::explain(Lang lang) const {
  const detail::RuleSetModel& model = ruleset_->model();
  const detail::DecisionDef& def = model.decisions[static_cast<std::size_t>(trace_->decision)];
  std::vector<RuleExplanation> explanations;
  for (const detail::RuleTrace& rt : trace_->rules) {
    const detail::RuleDef& rule = def.rules[static_cast<std::size_t>(rt.rule)];
    RuleExplanation e;
    e.rule_id = rule.id;
    e.status = detail::rule_status_name(rt.status);
    e.decisive = detail::is_decisive(def, *trace_, rt);
    e.code = rule.code;
    for (const std::string& cite : rule.cites) {
      const detail::ProvisionInfo* p = model.provision(cite);
      e.cites.push_back(Provision{cite, p ? p->text : ""});
    }
    if (rt.status != detail::RuleStatus::kNotReached &&
        rt.status != detail::RuleStatus::kNotInForce) {
      detail::RuleValues values = detail::rule_values(model, *trace_, rule);
      e.message = detail::render_template(lang == Lang::kZh ? rule.because_zh : rule.because_en,
                                          values.template_values);
      for (std::size_t i = 0; i < values.facts.size(); ++i) {
        e.facts.push_back(FactUse{rule.facts_read[i].text,
                                  values.facts[i].is_null() ? "—" : values.facts[i].to_string()});
      }
    }
    for (int index : rule.params_used) {
      const detail::ParamDef& param = model.params[static_cast<std::size_t>(index)];
      const detail::ParamVersion* version = param.version_on(trace_->as_of);
      ParameterUse use;
      use.name = param.name;
      use.value = version ? version->value.to_string() : "—";
      if (static_cast<std::size_t>(index) < trace_->parameter_overrides.size() &&
          !trace_->parameter_overrides[static_cast<std::size_t>(index)].is_null()) {
        use.rule_set_value = use.value;
        use.value = trace_->parameter_overrides[static_cast<std::size_t>(index)].to_string();
        use.overridden = true;
      }
      use.local_interpretation = param.local_interpretation;
      use.source = param.local_interpretation ? param.reason : param.cite;
      use.note = param.note;
      if (version && version->versioned) {
        use.version = "effective from " + version->from.to_string() +
                      (version->to.days == INT32_MAX ? "" : " to " + version->to.to_string());
      }
      e.parameters.push_back(std::move(use));
    }
    e.notes = rt.notes;
    explanations.push_back(std::move(e));
  }
  return explanations;
}

std::string Decision::to_text(Lang lang) const {
  const detail::RuleSetModel& model = ruleset_->model();
  const detail::DecisionDef& def = model.decisions[static_cast<std::size_t>(trace_->decision)];
  bool zh = lang == Lang::kZh;
  std::string title = zh ? def.title_zh : def.title_en;
  std::string text = (zh ? "决定 " : "Decision ") + def.id +
                     (title.empty() ? "" : (zh ? "（" + title + "）" : " (" + title + ")")) +
                     (zh ? "，截至 " : ", as of ") + trace_->as_of.to_string() + "\n";
  text += zh ? "结果：" : "Outcome: ";
  const Record& outcome = trace_->outcome;
  for (std::size_t i = 0; i < outcome.fields.size(); ++i) {
    text += (i ? (zh ? "；" : "; ") : "") + outcome.field_name(i) + " = " +
            outcome.fields[i].to_string();
  }
  text += "\n";
  std::vector<RuleExplanation> rules = explain(lang);
  std::vector<const ParameterUse*> interpretations;
  if (!rules.empty()) text += zh ? "理由：\n" : "Because:\n";
  for (const RuleExplanation& e : rules) {
    const char* mark = e.status == "failed"                            ? "✗"
                       : (e.status == "held" || e.status == "applied") ? "✓"
                                                                       : "·";
    std::string cites;
    for (const Provision& p : e.cites) cites += (cites.empty() ? "" : ", ") + p.id;
    const detail::RuleTrace& rt = trace_->rules[static_cast<std::size_t>(&e - rules.data())];
    text += "  " + std::string(mark) + " " + e.rule_id + " [" + cites + "] " +
            detail::status_text(rt.status, lang) +
            (e.decisive ? (zh ? "（决定性）" : " (decisive)") : "") + "\n";
    if (rt.status == detail::RuleStatus::kNotReached ||
        rt.status == detail::RuleStatus::kNotInForce)
      continue;
    if (!e.message.empty()) text += "      " + e.message + "\n";
    for (const Provision& p : e.cites)
      text += std::string("      ") + (zh ? "条文 " : "Provision ") + p.id + (zh ? "：" : ": ") +
              p.text + "\n";
    if (!e.facts.empty()) {
      text += zh ? "      事实：" : "      Facts: ";
      for (std::size_t i = 0; i < e.facts.size(); ++i)
        text += (i ? (zh ? "，" : "; ") : "") + e.facts[i].path + " = " + e.facts[i].value;
      text += "\n";
    }
    for (const ParameterUse& p : e.parameters) {
      text += std::string("      ") + (zh ? "参数 " : "Parameter ") + p.name + " = " + p.value;
      if (p.local_interpretation) {
        text += zh ? "（本地解释，见下）" : " (local interpretation, see below)";
        if (std::none_of(interpretations.begin(), interpretations.end(),
                         [&](const ParameterUse* q) { return q->name == p.name; })) {
          interpretations.push_back(&p);
        }
      } else {
        text += zh ? "（办法 " + p.source + "）" : " (regulation " + p.source + ")";
      }
      if (!p.version.empty()) text += " [" + p.version + "]";
      if (p.overridden) text += zh ? " [本次评估临时指定]" : " [overridden for this evaluation]";
      text += "\n";
    }
    for (const std::string& note : e.notes)
      text += std::string("      ") + (zh ? "日历：" : "Calendar: ") + note + "\n";
  }
  if (!interpretations.empty())
    text += zh ? "本地解释（办法未作规定，由本规则集确定）：\n"
               : "Local interpretations (the regulation is silent; this rule set decides):\n";
  for (const ParameterUse* p : interpretations) {
    // The written reason argues for the rule set's own value, which a what-if may have replaced.
    std::string value = p->overridden ? p->rule_set_value : p->value;
    text += "  " + p->name + " = " + value + (zh ? "：" : ": ") + p->source + "\n";
    if (p->overridden) {
      text += zh ? "    本次评估临时改为 " + p->value + "\n"
                 : "    this evaluation uses " + p->value + " instead\n";
    }
  }
  text += (zh ? "规则集 " : "Rule set ") + ruleset_->name() + " " + ruleset_->version() + " (" +
          ruleset_->content_hash() + ")\n";
  return text;
}

std::string Decision::to_json(Lang lang) const {
  std::string out;
  detail::JsonWriter json(out);
  const detail::DecisionDef& def =
      ruleset_->model().decisions[static_cast<std::size_t>(trace_->decision)];
  json.begin_object();
  json.key("decision");
  json.string(def.id);
  json.key("as_of");
  json.string(trace_->as_of.to_string());
  json.key("outcome");
  json.record(trace_->outcome);
  json.key("justification");
  json.begin_object();
  json.key("hit_policy");
  json.string(detail::hit_policy_name(def.hit));
  json.key("lang");
  json.string(lang == Lang::kZh ? "zh" : "en");
  json.key("rules");
  json.begin_array();
  for (const RuleExplanation& e : explain(lang)) {
    json.begin_object();
    json.key("rule");
    json.string(e.rule_id);
    json.key("status");
    json.string(e.status);
    json.key("decisive");
    json.boolean(e.decisive);
    if (!e.code.empty()) {
      json.key("code");
      json.string(e.code);
    }
    json.key("cites");
    json.begin_array();
    for (const Provision& p : e.cites) {
      json.begin_object();
      json.key("id");
      json.string(p.id);
      json.key("text");
      json.string(p.text);
      json.end_object();
    }
    json.end_array();
    json.key("message");
    json.string(e.message);
    json.key("facts");
    json.begin_array();
    for (const FactUse& f : e.facts) {
      json.begin_object();
      json.key("path");
      json.string(f.path);
      json.key("value");
      json.string(f.value);
      json.end_object();
    }
    json.end_array();
    json.key("parameters");
    json.begin_array();
    for (const ParameterUse& p : e.parameters) {
      json.begin_object();
      json.key("name");
      json.string(p.name);
      json.key("value");
      json.string(p.value);
      json.key("source");
      json.string(p.local_interpretation ? "local_interpretation" : "regulation");
      json.key(p.local_interpretation ? "reason" : "cite");
      json.string(p.source);
      if (!p.note.empty()) {
        json.key("note");
        json.string(p.note);
      }
      if (!p.version.empty()) {
        json.key("version");
        json.string(p.version);
      }
      if (p.overridden) {
        json.key("overridden");
        json.boolean(true);
        json.key("rule_set_value");
        json.string(p.rule_set_value);
      }
      json.end_object();
    }
    json.end_array();
    if (!e.notes.empty()) {
      json.key("notes");
      json.begin_array();
      for (const std::string& note : e.notes) json.string(note);
      json.end_array();
    }
    json.end_object();
  }
  json.end_array();
  json.end_object();
  write_ruleset(json, *ruleset_);
  json.end_object();
  return out;
}

}  // namespace tiaoli

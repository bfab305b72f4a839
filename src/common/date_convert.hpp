// Conversions between the public Date (days since 1970-01-01) and boost::gregorian::date.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "tiaoli/value.hpp"

namespace tiaoli::detail {

inline const boost::gregorian::date& unix_epoch() {
  static const boost::gregorian::date epoch(1970, 1, 1);
  return epoch;
}

inline boost::gregorian::date to_boost(Date d) {
  return unix_epoch() + boost::gregorian::date_duration(d.days);
}

inline Date from_boost(const boost::gregorian::date& d) {
  return Date{static_cast<std::int32_t>((d - unix_epoch()).days())};
}

}  // namespace tiaoli::detail

// fognas radio-info PROFILE [--set radio.KEY=VALUE ...] [--json]: what a radio
// profile implies before anything is simulated: packet air times, packets per
// connection event and throughput at its interval and event length, the idle
// event's charge, its receiver and its current basis (from the cost model).
#include <fmt/format.h>

#include <iostream>

#include <nlohmann/json.hpp>

#include "checked_options.h"
#include "command.h"
#include "fognas/common/error.h"
#include "fognas/cost/radio_energy.h"
#include "fognas/devices/radio_note.h"
#include "fognas/scenario/scenario.h"

namespace fognas::cli {
namespace {

struct RadioInfoArgs {
  std::string profile;
  std::vector<std::string> overrides;
  bool json = false;
};

// The profile as a scenario would have it, so --set radio.* overrides are
// checked (and named) exactly as in a scenario file.
RadioProfile profile_with(const RadioInfoArgs& a) {
  for (const std::string& o : a.overrides)
    if (o.rfind("radio.", 0) != 0)
      throw InputError("--set " + o, "radio-info takes radio.* fields only, e.g. --set radio.ble.att_mtu=498");
  const std::string yaml = fmt::format("name: radio-info\ndevices:\n  radio: '{}'\n", a.profile);
  return parse_scenario(yaml, "radio-info", a.overrides).devices.radio;
}

nlohmann::json info_json(const RadioProfile& r) {
  const BleRadioParams& b = r.ble;
  // A saturated link: as many full ATT PDUs as one connection event carries,
  // one event per interval.
  const long pdu_data = b.att_mtu - b.att_header_bytes;
  long pdus = 1;
  while (pdus < 10000 && predict_ble_transfer(b, (pdus + 1) * pdu_data).events == 1) ++pdus;
  const BleTransfer t = predict_ble_transfer(b, pdus * pdu_data);
  return {{"profile", r.name},
          {"phy", to_string(b.phy)},
          {"conn_interval_ms", b.conn_interval_ms},
          {"max_event_length_ms", b.max_event_length_ms},
          {"att_mtu", b.att_mtu},
          {"empty_pdu_us", ble_packet_airtime_us(b, 0)},
          {"full_pdu_us", ble_packet_airtime_us(b, b.ll_payload_max_bytes)},
          {"packets_per_event", t.packets},
          {"throughput_kbps", 8.0 * static_cast<double>(pdus * pdu_data) / b.conn_interval_ms},
          {"idle_event_charge_uc", predict_ble_idle_event(b).charge_uc(b)},
          {"tx_power_dbm", b.tx_power_dbm},
          {"rx_sensitivity_dbm", b.rx_sensitivity_dbm},
          {"current_basis", r.current_basis},
          {"current_sources", r.current_sources},
          {"calibrated", r.calibration.calibrated},
          {"note", radio_calibration_note(r)}};
}

void run(const RadioInfoArgs& a) {
  const RadioProfile r = profile_with(a);
  if (!r.has_ble) throw InputError(a.profile, "has no ble section: nothing to describe beyond its energy per bit");
  const nlohmann::json j = info_json(r);
  if (a.json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  const double event_ms = j["max_event_length_ms"].get<double>();
  const std::string events = event_ms > 0 ? fmt::format("events of at most {} ms", event_ms) : "events as long as the interval";
  std::cout << fmt::format(
      "{} ({} PHY, {} ms interval, {}, ATT MTU {})\n"
      "  empty PDU {:.0f} us, full data PDU {:.0f} us on the air\n"
      "  {} packets per event, {:.1f} kb/s of data\n"
      "  idle connection event {:.3f} uC above sleep\n"
      "  TX {} dBm, sensitivity {} dBm\n  {}\n",
      r.name, j["phy"].get<std::string>(), j["conn_interval_ms"].get<double>(), events,
      j["att_mtu"].get<int>(), j["empty_pdu_us"].get<double>(), j["full_pdu_us"].get<double>(),
      j["packets_per_event"].get<long>(), j["throughput_kbps"].get<double>(),
      j["idle_event_charge_uc"].get<double>(), j["tx_power_dbm"].get<double>(),
      j["rx_sensitivity_dbm"].get<double>(), j["note"].get<std::string>());
}

const Command registration("radio-info", [](CLI::App& app) {
  auto args = std::make_shared<RadioInfoArgs>();
  auto* cmd = app.add_subcommand("radio-info", "what a radio profile implies: air times, throughput, idle events");
  add_text(cmd, "profile", args->profile, "a radio profile: a name under devices/ or a YAML path")->required();
  add_texts(cmd, "--set", args->overrides, "override a profile field, e.g. --set radio.ble.conn_interval_ms=7.5")
      ->allow_extra_args(false);
  cmd->add_flag("--json", args->json, "print one JSON object");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli

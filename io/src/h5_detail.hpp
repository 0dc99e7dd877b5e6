// Private to io/src: RAII ownership of HDF5 identifiers, a guard that silences HDF5's own error printing, and
// the text of HDF5's error stack for toksim's messages. Shared by the run-file writer and reader.
#pragma once

#include <hdf5.h>

#include <string>
#include <utility>

namespace toksim::io::h5 {

/// Turns HDF5's automatic error printing off for the lifetime of the guard, then restores what was there.
class Silencer {
 public:
  Silencer() noexcept {
    if (H5Eget_auto2(H5E_DEFAULT, &func_, &data_) < 0) {
      func_ = nullptr;
      data_ = nullptr;
    }
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~Silencer() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  Silencer(const Silencer&) = delete;
  Silencer& operator=(const Silencer&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

/// Owns one HDF5 identifier and closes it with the close function of its type.
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) noexcept : id_(id) {}
  ~Handle() { close(); }
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      close();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const noexcept { return id_; }
  bool valid() const noexcept { return id_ >= 0; }

  /// Closes now; returns the close function's status (0 when nothing was open).
  herr_t close() noexcept {
    if (id_ < 0) return 0;
    const hid_t id = std::exchange(id_, H5I_INVALID_HID);
    switch (H5Iget_type(id)) {
      case H5I_FILE:
        return H5Fclose(id);
      case H5I_GROUP:
        return H5Gclose(id);
      case H5I_DATASET:
        return H5Dclose(id);
      case H5I_DATASPACE:
        return H5Sclose(id);
      case H5I_DATATYPE:
        return H5Tclose(id);
      case H5I_ATTR:
        return H5Aclose(id);
      case H5I_GENPROP_LST:
        return H5Pclose(id);
      default:
        return H5Idec_ref(id) < 0 ? -1 : 0;
    }
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
};

namespace detail {
struct WalkData {
  std::string api;
  std::string deepest;
};

inline herr_t walk_error(unsigned n, const H5E_error2_t* e, void* data) {
  auto* d = static_cast<WalkData*>(data);
  if (n == 0 && e->func_name != nullptr) d->api = e->func_name;
  if (e->desc != nullptr && e->desc[0] != '\0') d->deepest = e->desc;
  return 0;
}

}  // namespace detail

/// What HDF5's error stack says about the last failure (innermost description and the API call), then clears it.
inline std::string h5_error_detail() {
  detail::WalkData d;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, detail::walk_error, &d);
  H5Eclear2(H5E_DEFAULT);
  if (d.deepest.empty() && d.api.empty()) return "HDF5 call failed";
  if (d.api.empty()) return d.deepest;
  return d.deepest + " (in " + d.api + ")";
}

}  // namespace toksim::io::h5

// Tenant roles (tenant_members.role) and their ranking viewer < editor < admin < owner: the one C++ definition
// (include/vital_persona/catalog.hpp). Pure C++: nothing here calls PostgreSQL.
#include <cstring>
#include <string>

#include "vital_persona/catalog.hpp"

namespace vp::catalog {

const char *role_name(Role role) noexcept {
	switch (role) {
	case Role::Viewer: return "viewer";
	case Role::Editor: return "editor";
	case Role::Admin: return "admin";
	case Role::Owner: return "owner";
	case Role::Unknown: break;
	}
	return "";
}

Role parse_role(const char *s, std::size_t len) noexcept {
	for (Role role : tenant_roles) {
		const char *name = role_name(role);
		if (std::strlen(name) == len && std::memcmp(name, s, len) == 0)
			return role;
	}
	return Role::Unknown;
}

std::string role_names() {
	std::string out;
	for (Role role : tenant_roles) {
		if (!out.empty())
			out += ", ";
		out += role_name(role);
	}
	return out;
}

}  // namespace vp::catalog

// RUN-ARGS: -isystem %S/../system
// What a GObject keeps under a name (g_object_set_data) is another object
// attached to it, not part of it: an entry looked up on its dialog by name
// is that entry. Showing a limited address in one entry of a settings
// dialog kept for the program's lifetime stores the address in that entry,
// not in the dialog, so the display name read back from its own entry is
// clean. What was attached is still what a lookup hands back, and an
// entry's text is still its text.
#include "purpose.h"

#include <fakegtk.h>

namespace attached_data {

struct Profile {
  SECURITY_CONTACT const char* recovery_address;
  const char* display_name;
};

PURPOSE_USE("diagnostics") void Debug(const char* text);

// Built once, shown again for every profile.
static GtkWidget* g_settings_dialog;
static GtkWidget* g_status_window;
static GtkWidget* g_recovery_entry;

void ShowField(GObject* dialog, const char* name, const char* text) {
  GtkEntry* entry = GTK_ENTRY(g_object_get_data(dialog, name));
  gtk_entry_set_text(entry, text ? text : "");
}

char* FieldText(GObject* dialog, const char* name) {
  GtkEditable* entry = GTK_EDITABLE(g_object_get_data(dialog, name));
  return gtk_editable_get_chars(entry, 0, -1);
}

void ShowProfile(const Profile& p) {
  ShowField(G_OBJECT(g_settings_dialog), "recovery", p.recovery_address);
  ShowField(G_OBJECT(g_settings_dialog), "name", p.display_name);
}

void ApplyProfile(Profile& p) {
  p.display_name = FieldText(G_OBJECT(g_settings_dialog), "name");
  Debug(p.display_name);
}

void RememberRecovery(const Profile& p) {
  g_object_set_data(G_OBJECT(g_status_window), "recovery",
                    (gpointer)p.recovery_address);
  const char* kept =
      (const char*)g_object_get_data(G_OBJECT(g_status_window), "recovery");
  Debug(kept);  // expect-violation: attached_data::Profile::recovery_address
}

void EchoRecovery(const Profile& p) {
  gtk_entry_set_text(GTK_ENTRY(g_recovery_entry), p.recovery_address);
  Debug(gtk_entry_get_text(GTK_ENTRY(g_recovery_entry)));  // expect-violation: attached_data::Profile::recovery_address
}

}  // namespace attached_data

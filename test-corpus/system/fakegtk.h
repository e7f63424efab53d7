// Imitates a GObject-based C widget toolkit (in the shape of GLib's GObject
// and GTK 3): every object starts with its parent's struct, a widget's public
// struct holds nothing but its parent and a pointer to private data the
// program never sees, casts go through a checking function, objects carry
// named data (`object_set_data`-style), and a list store is a data model the
// program fills and reads back. Also GLib's error reports and charset
// conversions, which report through out-parameters.
#pragma once

typedef char gchar;
typedef int gint;
typedef int gboolean;
typedef void* gpointer;
typedef unsigned long GType;
typedef unsigned long gsize;
typedef long gssize;
typedef unsigned int GQuark;

typedef struct _GError {
  GQuark domain;
  gint code;
  gchar* message;
} GError;

typedef struct _GTypeClass {
  GType g_type;
} GTypeClass;
typedef struct _GTypeInstance {
  GTypeClass* g_class;
} GTypeInstance;
typedef struct _GData GData;
typedef struct _GObject {
  GTypeInstance g_type_instance;
  unsigned ref_count;
  GData* qdata;
} GObject;

typedef struct _GtkWidgetPrivate GtkWidgetPrivate;
typedef struct _GtkWidget {
  GObject parent_instance;
  GtkWidgetPrivate* priv;
} GtkWidget;

typedef struct _GtkEntryPrivate GtkEntryPrivate;
typedef struct _GtkEntry {
  GtkWidget parent_instance;
  GtkEntryPrivate* priv;
} GtkEntry;

typedef struct _GtkLabelPrivate GtkLabelPrivate;
typedef struct _GtkLabel {
  GtkWidget widget;
  GtkLabelPrivate* priv;
} GtkLabel;

typedef struct _GtkWindowPrivate GtkWindowPrivate;
typedef struct _GtkWindow {
  GtkWidget widget;
  GtkWindowPrivate* priv;
} GtkWindow;

typedef struct _GtkComboBoxTextPrivate GtkComboBoxTextPrivate;
typedef struct _GtkComboBoxText {
  GtkWidget parent_instance;
  GtkComboBoxTextPrivate* priv;
} GtkComboBoxText;

// An interface: only ever an incomplete type.
typedef struct _GtkEditable GtkEditable;

typedef struct _GtkListStorePrivate GtkListStorePrivate;
typedef struct _GtkListStore {
  GObject parent;
  GtkListStorePrivate* priv;
} GtkListStore;
typedef struct _GtkTreeModel GtkTreeModel;
typedef struct _GtkTreeIter {
  gint stamp;
  gpointer user_data;
  gpointer user_data2;
  gpointer user_data3;
} GtkTreeIter;

typedef struct _GCancellable GCancellable;
typedef struct {
  const gchar* name;
  int flags;
} SecretSchema;

typedef struct _GString {
  gchar* str;
  gsize len;
  gsize allocated_len;
} GString;

#ifdef __cplusplus
extern "C" {
#endif
gboolean secret_password_store_sync(const SecretSchema* schema,
                                    const gchar* collection,
                                    const gchar* label,
                                    const gchar* password,
                                    GCancellable* cancellable, GError** error,
                                    ...);
gboolean g_resolver_lookup_sync(const gchar* domain, gchar** answer,
                                GError** error);
GString* g_string_new(const gchar* init);
GString* g_string_append(GString* string, const gchar* val);
gchar* g_string_free(GString* string, gboolean free_segment);
gchar* g_convert(const gchar* str, gssize len, const gchar* to_codeset,
                 const gchar* from_codeset, gsize* bytes_read,
                 gsize* bytes_written, GError** error);
gchar* g_locale_to_utf8(const gchar* opsysstring, gssize len,
                        gsize* bytes_read, gsize* bytes_written,
                        GError** error);
void g_set_error_literal(GError** err, GQuark domain, gint code,
                         const gchar* message);
void g_error_free(GError* error);

GTypeInstance* g_type_check_instance_cast(GTypeInstance* instance,
                                          GType iface_type);
GType g_object_get_type(void);
GType gtk_widget_get_type(void);
GType gtk_entry_get_type(void);
GType gtk_label_get_type(void);
GType gtk_window_get_type(void);
GType gtk_editable_get_type(void);
GType gtk_combo_box_text_get_type(void);
GType gtk_tree_model_get_type(void);

gpointer g_object_get_data(GObject* object, const gchar* key);
void g_object_set_data(GObject* object, const gchar* key, gpointer data);
void g_object_set(gpointer object, const gchar* first_property_name, ...);
void g_object_get(gpointer object, const gchar* first_property_name, ...);

GtkWidget* gtk_entry_new(void);
void gtk_entry_set_text(GtkEntry* entry, const gchar* text);
const gchar* gtk_entry_get_text(GtkEntry* entry);
void gtk_editable_insert_text(GtkEditable* editable, const gchar* text,
                              gint length, gint* position);
gchar* gtk_editable_get_chars(GtkEditable* editable, gint start_pos,
                              gint end_pos);
GtkWidget* gtk_label_new(const gchar* str);
void gtk_label_set_text(GtkLabel* label, const gchar* str);
void gtk_label_set_markup(GtkLabel* label, const gchar* str);
const gchar* gtk_label_get_text(GtkLabel* label);
void gtk_window_set_title(GtkWindow* window, const gchar* title);
void gtk_widget_set_tooltip_text(GtkWidget* widget, const gchar* text);
void gtk_widget_set_name(GtkWidget* widget, const gchar* name);
void gtk_combo_box_text_append_text(GtkComboBoxText* combo_box,
                                    const gchar* text);
gchar* gtk_combo_box_text_get_active_text(GtkComboBoxText* combo_box);

GtkListStore* gtk_list_store_new(gint n_columns, ...);
void gtk_list_store_append(GtkListStore* list_store, GtkTreeIter* iter);
void gtk_list_store_set(GtkListStore* list_store, GtkTreeIter* iter, ...);
gboolean gtk_tree_model_get_iter_first(GtkTreeModel* tree_model,
                                       GtkTreeIter* iter);
void gtk_tree_model_get(GtkTreeModel* tree_model, GtkTreeIter* iter, ...);
#ifdef __cplusplus
}
#endif

#define G_TYPE_CHECK_INSTANCE_CAST(instance, g_type, c_type) \
  ((c_type*)g_type_check_instance_cast((GTypeInstance*)(instance), (g_type)))
#define G_OBJECT(o) \
  G_TYPE_CHECK_INSTANCE_CAST((o), g_object_get_type(), GObject)
#define GTK_WIDGET(o) \
  G_TYPE_CHECK_INSTANCE_CAST((o), gtk_widget_get_type(), GtkWidget)
#define GTK_ENTRY(o) \
  G_TYPE_CHECK_INSTANCE_CAST((o), gtk_entry_get_type(), GtkEntry)
#define GTK_LABEL(o) \
  G_TYPE_CHECK_INSTANCE_CAST((o), gtk_label_get_type(), GtkLabel)
#define GTK_WINDOW(o) \
  G_TYPE_CHECK_INSTANCE_CAST((o), gtk_window_get_type(), GtkWindow)
#define GTK_EDITABLE(o) \
  G_TYPE_CHECK_INSTANCE_CAST((o), gtk_editable_get_type(), GtkEditable)
#define GTK_COMBO_BOX_TEXT(o) \
  G_TYPE_CHECK_INSTANCE_CAST((o), gtk_combo_box_text_get_type(), \
                             GtkComboBoxText)
#define GTK_TREE_MODEL(o) \
  G_TYPE_CHECK_INSTANCE_CAST((o), gtk_tree_model_get_type(), GtkTreeModel)

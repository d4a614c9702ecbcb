/* alama-find-widget.c: see the header. */
#include "config.h"

#include "alama-find-widget.h"

GtkWidget *
alama_find_descendant (GtkWidget *widget,
                       GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = alama_find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

package jgrad;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public member that is not part of jgrad's API: it is public only because ops, the
 * autograd engine, optimizers or readers in other packages call it, and it may change or go
 * away in any release. Code outside jgrad should not call it; each one's javadoc names what to
 * use instead. It shows in the javadoc (this annotation is {@link Documented}) and can be found
 * by reflection.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.TYPE})
public @interface Internal {}
